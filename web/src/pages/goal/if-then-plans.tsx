import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { IfThenPlanView } from '../../../../src/contract/if-then.ts';
import { rankPlans } from '../../../../src/domain/if-then.ts';
import { errorText, send } from '../../api/http.ts';
import { refreshGoal } from '../../api/queries.ts';
import { Empty } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDay } from '../../lib/format.ts';
import { IfThenForm } from './if-then-form.tsx';

function Tally({ plan }: { plan: IfThenPlanView }) {
  const { tally } = plan;
  if (tally.uses === 0) return <p className="muted small">{t.ifThen.notUsed}</p>;
  const percent = tally.workedPercent ?? 0;
  return (
    <div className="tally">
      <p className="small">
        {t.ifThen.tally(tally.uses, tally.yes, tally.partly, tally.no, percent)}
        {tally.lastUsedOn && ` ${t.ifThen.lastUsed(formatDay(tally.lastUsedOn))}`}
      </p>
      {/* The figure is in the sentence above; the bar only repeats it for a glance. */}
      <div className="tally-bar" aria-hidden="true">
        <span className={`tally-fill tally-${Math.round(percent / 10) * 10}`} />
      </div>
    </div>
  );
}

function PlanItem({
  plan,
  clientId,
  canWrite,
  onChanged,
}: {
  plan: IfThenPlanView;
  clientId: string;
  canWrite: boolean;
  onChanged: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'view' | 'edit' | 'remove'>('view');
  const [error, setError] = useState<string | undefined>();

  async function remove() {
    setError(undefined);
    try {
      await send('PATCH', `/api/plans/${plan.id}`, { removed: true }, `"${plan.version}"`);
      onChanged(t.ifThen.removed);
    } catch (err) {
      setError(errorText(err));
    }
    await refreshGoal(queryClient, { goalId: plan.goalId, clientId });
  }

  if (mode === 'edit')
    return (
      <li className="stack">
        <h3>{t.ifThen.editTitle}</h3>
        <IfThenForm
          goalId={plan.goalId}
          clientId={clientId}
          plan={plan}
          onDone={(m) => {
            setMode('view');
            onChanged(m);
          }}
          onCancel={() => setMode('view')}
        />
      </li>
    );
  return (
    <li className="stack">
      <h3>{plan.obstacle}</h3>
      <p>{plan.sentence}</p>
      <Tally plan={plan} />
      {canWrite && mode === 'view' && (
        <div className="row">
          <button type="button" className="button" onClick={() => setMode('edit')}>
            {t.ifThen.editShort}
            <span className="visually-hidden"> “{plan.obstacle}”</span>
          </button>
          <button type="button" className="button" onClick={() => setMode('remove')}>
            {t.ifThen.removeShort}
            <span className="visually-hidden"> “{plan.obstacle}”</span>
          </button>
        </div>
      )}
      {mode === 'remove' && (
        <div className="row" role="group" aria-label={t.ifThen.remove(plan.obstacle)}>
          <p>{t.ifThen.removeConfirm}</p>
          <button type="button" className="button danger" onClick={() => void remove()}>
            {t.ifThen.removeYes}
          </button>
          <button type="button" className="button" onClick={() => setMode('view')}>
            {t.ifThen.cancel}
          </button>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          ⚠ {error}
        </p>
      )}
    </li>
  );
}

/**
 * A goal's obstacles and if–then plans: how often each came up and how well it worked (best
 * first, so the care team sees which plans help), and — for the client and their therapist —
 * adding, editing and removing them.
 */
export function IfThenPlans({
  goalId,
  clientId,
  plans,
  canWrite,
}: {
  goalId: string;
  clientId: string;
  plans: IfThenPlanView[];
  canWrite: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const sorted = rankPlans(plans, (p) => p.tally);
  return (
    <div className="stack">
      {plans.length === 0 ? (
        <Empty>{t.ifThen.none}</Empty>
      ) : (
        <>
          {plans.length > 1 && <p className="muted small">{t.ifThen.sorted}</p>}
          <ul className="plain-list stack if-then-list">
            {sorted.map((p) => (
              <PlanItem
                key={p.id}
                plan={p}
                clientId={clientId}
                canWrite={canWrite}
                onChanged={setMessage}
              />
            ))}
          </ul>
        </>
      )}
      <div role="status">{message && <p className="ok-text">✓ {message}</p>}</div>
      {canWrite &&
        (adding ? (
          <section className="stack" aria-labelledby="new-plan-h">
            <h3 id="new-plan-h">{t.ifThen.addTitle}</h3>
            <IfThenForm
              goalId={goalId}
              clientId={clientId}
              onDone={(m) => {
                setAdding(false);
                setMessage(m);
              }}
              onCancel={() => setAdding(false)}
            />
          </section>
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => {
              setAdding(true);
              setMessage(undefined);
            }}
          >
            {t.ifThen.add}
          </button>
        ))}
    </div>
  );
}
