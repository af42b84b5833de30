import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { IfThenPlanView, PlanUseView } from '../../../../src/contract/if-then.ts';
import type { PlanOutcome } from '../../../../src/domain/if-then.ts';
import { errorText, send } from '../../api/http.ts';
import { refreshGoal } from '../../api/queries.ts';
import { t } from '../../i18n/index.ts';
import { newId } from '../../lib/uuid.ts';

const answers: { worked: PlanOutcome; label: string }[] = [
  { worked: 'yes', label: t.ifThen.yes },
  { worked: 'partly', label: t.ifThen.partly },
  { worked: 'no', label: t.ifThen.no },
];

/** What a plan's use is marked on: the check-in just saved, or a journal entry. */
export type PlanUseLink = { checkInId: string } | { journalEntryId: string } | undefined;

/**
 * If–then plans with "the obstacle came up — did the plan work?" in one tap: beside a goal's
 * check-in (linked to the check-in once the server has it) or under a journal entry.
 */
export function PlanOutcomes({
  plans,
  clientId,
  link,
}: {
  plans: IfThenPlanView[];
  clientId: string;
  link: PlanUseLink;
}) {
  if (plans.length === 0) return null;
  return (
    <div className="stack">
      <h3 className="small">{t.ifThen.heading}</h3>
      {plans.map((p) => (
        <PlanOutcome key={p.id} plan={p} clientId={clientId} link={link} />
      ))}
    </div>
  );
}

function PlanOutcome({
  plan,
  clientId,
  link,
}: {
  plan: IfThenPlanView;
  clientId: string;
  link: PlanUseLink;
}) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy?: boolean; done?: PlanOutcome; error?: string }>({});
  async function mark(worked: PlanOutcome) {
    setState({ busy: true });
    try {
      await send<PlanUseView>('POST', `/api/plans/${plan.id}/uses`, {
        id: newId(),
        worked,
        ...link,
      });
      setState({ done: worked });
      // The plan's tally (on the goal page) counts this use now.
      void refreshGoal(queryClient, { goalId: plan.goalId, clientId });
    } catch (err) {
      setState({ error: errorText(err) });
    }
  }
  return (
    <div role="group" aria-label={plan.sentence} className="stack">
      <p>{plan.sentence}</p>
      <p className="muted small">{t.ifThen.question}</p>
      <div className="row">
        {answers.map((a) => (
          <button
            key={a.worked}
            type="button"
            className="button secondary"
            aria-pressed={state.done === a.worked}
            disabled={state.busy}
            onClick={() => void mark(a.worked)}
          >
            {a.label}
          </button>
        ))}
      </div>
      <span role="status" aria-live="polite">
        {state.busy && t.ifThen.sending}
        {state.done && <span className="ok-text">✓ {t.ifThen.noted}</span>}
        {state.error && <span className="error-text">⚠ {state.error}</span>}
      </span>
    </div>
  );
}
