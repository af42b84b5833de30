import type { IfThenPlanView } from '../../../../src/contract/if-then.ts';
import { Empty } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';

/** A goal's obstacles and if–then plans, each with how often it came up and how it worked. */
export function IfThenPlans({ plans }: { plans: IfThenPlanView[] }) {
  if (plans.length === 0) return <Empty>{t.ifThen.none}</Empty>;
  return (
    <ul className="plain-list stack">
      {plans.map((p) => (
        <li key={p.id} className="stack">
          <p>
            <strong>{p.obstacle}</strong> — {p.sentence}
          </p>
          <p className="muted small">
            {p.tally.uses === 0
              ? t.ifThen.notUsed
              : t.ifThen.tally(
                  p.tally.uses,
                  p.tally.yes,
                  p.tally.partly,
                  p.tally.no,
                  p.tally.workedPercent ?? 0,
                )}
          </p>
        </li>
      ))}
    </ul>
  );
}
