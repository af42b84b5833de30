import { useState } from 'react';
import type { IfThenPlanView, PlanUseView } from '../../../../src/contract/if-then.ts';
import type { PlanOutcome } from '../../../../src/domain/if-then.ts';
import { errorText, send } from '../../api/http.ts';
import { t } from '../../i18n/index.ts';
import { newId } from '../../lib/uuid.ts';

const answers: { worked: PlanOutcome; label: string }[] = [
  { worked: 'yes', label: t.ifThen.yes },
  { worked: 'partly', label: t.ifThen.partly },
  { worked: 'no', label: t.ifThen.no },
];

/**
 * A goal's if–then plans beside its check-in: "the obstacle came up — did the plan work?" in
 * one tap, linked to the check-in just saved when the server has it.
 */
export function PlanOutcomes({
  plans,
  checkInId,
}: {
  plans: IfThenPlanView[];
  checkInId: string | undefined;
}) {
  if (plans.length === 0) return null;
  return (
    <div className="stack">
      <h3 className="small">{t.ifThen.heading}</h3>
      {plans.map((p) => (
        <PlanOutcome key={p.id} plan={p} checkInId={checkInId} />
      ))}
    </div>
  );
}

function PlanOutcome({ plan, checkInId }: { plan: IfThenPlanView; checkInId: string | undefined }) {
  const [state, setState] = useState<{ busy?: boolean; done?: PlanOutcome; error?: string }>({});
  async function mark(worked: PlanOutcome) {
    setState({ busy: true });
    try {
      await send<PlanUseView>('POST', `/api/plans/${plan.id}/uses`, {
        id: newId(),
        worked,
        ...(checkInId ? { checkInId } : {}),
      });
      setState({ done: worked });
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
