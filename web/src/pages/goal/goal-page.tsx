import { Link, useParams } from 'react-router';
import type { GoalView } from '../../../../src/contract/goals.ts';
import { useClientRecord, useGoal } from '../../api/queries.ts';
import { useUser } from '../../api/session.tsx';
import { PracticeRow } from '../../components/practice-row.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { GoalStatusBadges } from '../../components/status-badge.tsx';
import { t } from '../../i18n/index.ts';
import { dayIn, formatDay, formatNumber } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { StepTick } from '../client/upcoming-steps.tsx';
import { Comments } from './comments.tsx';
import { IfThenPlans } from './if-then-plans.tsx';
import { GoalProgress } from './goal-progress.tsx';
import { RevisionHistory } from './revision-history.tsx';
import { SustainPanel } from './sustain.tsx';

function Target({ goal }: { goal: GoalView }) {
  const m = goal.measure;
  if (!m || goal.target === null) return null;
  return (
    <p>
      {t.goal.targetLine(
        m.name,
        goal.baseline === null ? null : formatNumber(goal.baseline),
        formatNumber(goal.target),
        m.unit ?? '',
        goal.dueDate ? formatDay(goal.dueDate) : null,
      )}
    </p>
  );
}

function Goal({ goal, etag, timeZone }: { goal: GoalView; etag: string; timeZone: string }) {
  const user = useUser();
  usePageTitle(goal.title);
  const today = dayIn(new Date(), timeZone);
  const staff = user.role !== 'client';
  return (
    <article className="stack">
      {staff && (
        <p>
          <Link to={`/clients/${goal.clientId}`}>{t.goal.backToClient}</Link>
        </p>
      )}
      <div className="spread">
        <h1>{goal.title}</h1>
        <GoalStatusBadges goal={goal} />
      </div>
      {goal.status === 'achieved' && (
        <section className="card achieved" aria-labelledby="achieved-h">
          <h2 id="achieved-h">{t.journey.achievedBanner}</h2>
          <p>
            <Link to={`/goals/${goal.id}/journey`} className="button primary">
              {t.journey.link}
            </Link>
          </p>
          <h3>{t.sustain.title}</h3>
          <SustainPanel goal={goal} etag={etag} timeZone={timeZone} />
        </section>
      )}
      {goal.why && (
        <blockquote className="why">
          <span className="muted small">{t.goal.why}</span>
          <p>{goal.why}</p>
        </blockquote>
      )}
      <Target goal={goal} />
      {goal.can.edit && (
        <Link to={`/goals/${goal.id}/edit`} className="button">
          {t.goal.edit}
        </Link>
      )}
      <div className="grid-2">
        <section className="card" aria-labelledby="progress-h">
          <h2 id="progress-h">{t.goal.progress}</h2>
          <GoalProgress goal={goal} timeZone={timeZone} />
        </section>
        <div>
          <section className="card" aria-labelledby="steps-h">
            <h2 id="steps-h">{t.plan.steps}</h2>
            {goal.steps.length === 0 ? (
              <Empty>{t.goal.noSteps}</Empty>
            ) : (
              <ul className="plain-list">
                {goal.steps.map((s) => (
                  <StepTick key={s.id} step={s} today={today} clientId={goal.clientId} />
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="practices-h">
            <h2 id="practices-h">{t.plan.practices}</h2>
            {goal.practices.length === 0 ? (
              <Empty>{t.goal.noPractices}</Empty>
            ) : (
              <ul className="plain-list">
                {goal.practices.map((p) => (
                  <PracticeRow key={p.id} practice={p} clientId={goal.clientId} today={today} />
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
      <section className="card" aria-labelledby="plans-h">
        <h2 id="plans-h">{t.ifThen.title}</h2>
        <IfThenPlans
          goalId={goal.id}
          clientId={goal.clientId}
          plans={goal.plans}
          canWrite={user.role === 'client' || user.role === 'therapist'}
        />
      </section>
      <section className="card" aria-labelledby="comments-h">
        <h2 id="comments-h">{t.comments.title}</h2>
        <Comments goalId={goal.id} canComment={goal.can.comment} timeZone={timeZone} />
      </section>
      <section className="card" aria-labelledby="history-h">
        <h2 id="history-h">{t.revisions.title}</h2>
        <RevisionHistory
          goalId={goal.id}
          timeZone={timeZone}
          names={new Map([...goal.steps, ...goal.practices].map((x) => [x.id, x.title]))}
        />
      </section>
    </article>
  );
}

/** One goal, for the client and the care team alike. */
export function GoalPage() {
  const { goalId } = useParams();
  const goal = useGoal(goalId);
  const client = useClientRecord(goal.data?.goal.clientId);
  return (
    <QueryState query={goal}>
      {(g) => (
        <Goal
          goal={g.goal}
          etag={g.etag}
          timeZone={client.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}
        />
      )}
    </QueryState>
  );
}
