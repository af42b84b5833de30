import { Link } from 'react-router';
import type { GoalView } from '../../../../src/contract/goals.ts';
import { useClientRecord, useGoals } from '../../api/queries.ts';
import { useUser } from '../../api/session.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { GoalStatusBadges } from '../../components/status-badge.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { OpenDrafts } from '../goal-wizard/open-drafts.tsx';

export function GoalCard({ goal }: { goal: GoalView }) {
  const done = goal.steps.filter((s) => s.done).length;
  return (
    <li className="card goal-card">
      <div className="spread">
        <h2>
          <Link to={`/goals/${goal.id}`}>{goal.title}</Link>
        </h2>
        <GoalStatusBadges goal={goal} />
      </div>
      {goal.why && <p className="muted">{goal.why}</p>}
      <p className="small">
        {t.goal.stepsDone(done, goal.steps.length)}
        {goal.practices.length > 0 && ` · ${t.goal.practiceCount(goal.practices.length)}`}
      </p>
      {goal.status === 'achieved' && (
        <p>
          <Link to={`/goals/${goal.id}/journey`}>{t.journey.link}</Link>
          {goal.sustaining && ` · ${t.sustain.rhythm(goal.sustaining.checkInEveryDays)}`}
        </p>
      )}
    </li>
  );
}

/** The client's goals, open ones first, and a way to propose a new one. */
export function GoalsPage() {
  usePageTitle(t.nav.goals);
  const user = useUser();
  const goals = useGoals(user.clientId);
  const record = useClientRecord(user.clientId);
  return (
    <div className="stack">
      <div className="spread">
        <h1>{t.nav.goals}</h1>
        <span className="row">
          <Link to="/goals/plan" className="button primary">
            {t.wizard.start}
          </Link>
          <Link to="/goals/new" className="button">
            {t.goal.propose}
          </Link>
        </span>
      </div>
      {user.clientId && record.data && (
        <OpenDrafts
          clientId={user.clientId}
          basePath="/goals/plan"
          timeZone={record.data.timeZone}
          client
        />
      )}
      <QueryState query={goals}>
        {(d) =>
          d.goals.length === 0 ? (
            <Empty>{t.goal.none}</Empty>
          ) : (
            <ul className="plain-list">
              {d.goals.map((g) => (
                <GoalCard key={g.id} goal={g} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}
