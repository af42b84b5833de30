import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DueReview } from '../../../../src/contract/goal-reviews.ts';
import type { GoalView } from '../../../../src/contract/goals.ts';
import type { ReviewDecision } from '../../../../src/domain/lifecycle.ts';
import { errorText, send } from '../../api/http.ts';
import { refreshGoal } from '../../api/queries.ts';
import { Field } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';
import { formatDay } from '../../lib/format.ts';

const decisions: ReviewDecision[] = ['keep', 'adjust', 'achieved', 'let-go'];

/** A goal due for review: keep, adjust (a new target), achieved or let go — always with why. */
export function GoalReview({ due, goal }: { due: DueReview; goal: GoalView }) {
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<ReviewDecision>('keep');
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState('');
  const [state, setState] = useState<{ busy?: boolean; done?: string; error?: string }>({});

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setState({ error: t.review.needReason });
      return;
    }
    setState({ busy: true });
    try {
      await send<GoalView>(
        'POST',
        `/api/goals/${goal.id}/reviews`,
        {
          decision,
          reason: reason.trim(),
          ...(decision === 'adjust' ? { changes: { target: Number(target) } } : {}),
        },
        `"${goal.version}"`,
      );
      setState({ done: t.review.done(t.review.decision[decision] ?? decision) });
      // The goal's new version for later edits; the digest keeps this form until the next visit.
      await refreshGoal(queryClient, { goalId: goal.id, clientId: goal.clientId });
    } catch (err) {
      setState({ error: errorText(err) });
    }
  }

  if (state.done)
    return (
      <p>
        <span className="ok-text">✓ {state.done}</span>
        {decision === 'achieved' && (
          <>
            {' '}
            <Link to={`/goals/${goal.id}/journey`}>{t.journey.link}</Link>
          </>
        )}
      </p>
    );
  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <fieldset className="stack">
        <legend>{t.review.legend(goal.title, formatDay(due.reviewDate))}</legend>
        <div className="row">
          {decisions.map((d) => (
            <label key={d} className={`choice${decision === d ? ' chosen' : ''}`}>
              <input
                type="radio"
                name={`review-${goal.id}`}
                checked={decision === d}
                onChange={() => setDecision(d)}
              />
              {t.review.decision[d] ?? d}
            </label>
          ))}
        </div>
      </fieldset>
      {decision === 'adjust' && (
        <Field label={t.review.newTarget(goal.measure?.unit ?? '')}>
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="decimal"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            />
          )}
        </Field>
      )}
      <Field label={t.review.reason}>
        {(p) => (
          <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
      <div className="row">
        <button type="submit" className="button primary" disabled={state.busy}>
          {t.review.save}
        </button>
        <span role="status" aria-live="polite">
          {state.error && <span className="error-text">⚠ {state.error}</span>}
        </span>
      </div>
    </form>
  );
}
