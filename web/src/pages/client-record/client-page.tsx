import { Link, useParams } from 'react-router';
import { useClientRecord, useGoals } from '../../api/queries.ts';
import { BreakGlassBanner } from '../../components/break-glass-banner.tsx';
import { useDoneNote } from '../../components/done-note.tsx';
import { GoalStatusBadges, StatusBadge } from '../../components/status-badge.tsx';
import { Empty, ErrorState, Loading, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime, formatDay } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { OpenDrafts } from '../goal-wizard/open-drafts.tsx';
import { GoalProgress } from '../goal/goal-progress.tsx';
import { sortAlerts, useAlerts } from '../therapist/alerts.tsx';
import { AlertItem } from '../therapist/alert-item.tsx';
import { CheckInTimeline } from './check-in-timeline.tsx';
import { GasPanel } from './gas-panel.tsx';
import { NudgeForm } from './nudge-form.tsx';
import { OutcomesCharts } from './outcomes-chart.tsx';
import { MeasureReliability } from './measure-reliability.tsx';
import { ScheduleForm } from './schedule-form.tsx';
import { SharedJournal } from './shared-journal.tsx';

/**
 * One client for the care team: alerts, goals with charts, check-ins, outcomes, GAS, shared
 * journal.
 */
export function ClientPage() {
  const { clientId = '' } = useParams();
  const client = useClientRecord(clientId);
  const goals = useGoals(clientId);
  const alerts = useAlerts('open');
  const { setDone, note } = useDoneNote();
  usePageTitle(client.data?.name ?? t.clientPage.title);
  if (client.isPending) return <Loading />;
  if (!client.data)
    return (
      <ErrorState
        error={client.error ?? new Error(t.clientPage.notFound)}
        onRetry={() => void client.refetch()}
      />
    );
  const c = client.data;
  const tz = c.timeZone;
  const open = sortAlerts((alerts.data?.alerts ?? []).filter((a) => a.clientId === clientId));

  return (
    <div className="stack">
      <BreakGlassBanner clientId={clientId} />
      <div className="spread">
        <h1>{c.name}</h1>
        <StatusBadge status={c.status} />
      </div>
      <div className="row">
        <Link to={`/clients/${clientId}/session`} className="button">
          {t.session.open}
        </Link>
        <a href={`/api/clients/${clientId}/report.pdf`} className="button">
          {t.clientPage.report}
        </a>
      </div>
      <p className="muted">
        {[
          c.location,
          t.clientPage.timeZone(tz),
          c.lastCheckInAt
            ? t.clientPage.lastCheckIn(formatDateTime(c.lastCheckInAt, tz))
            : t.clientPage.noCheckIn,
          c.nextSession
            ? t.clientPage.nextSession(formatDay(c.nextSession.date))
            : t.clientPage.noSession,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {c.withheld && (
        <p className="card" role="note">
          {t.clientPage.withheld(c.withheld)}
        </p>
      )}
      {note}
      {open.length > 0 && (
        <section aria-labelledby="client-alerts-h">
          <h2 id="client-alerts-h">{t.alerts.title}</h2>
          <ul className="plain-list">
            {open.map((a) => (
              <AlertItem key={a.id} onDone={setDone} alert={a} timeZone={tz} />
            ))}
          </ul>
        </section>
      )}
      <OpenDrafts
        clientId={clientId}
        basePath={`/clients/${clientId}/goals/plan`}
        timeZone={tz}
        client={false}
      />
      <section aria-labelledby="goals-h">
        <div className="spread">
          <h2 id="goals-h">{t.clientPage.goals}</h2>
          <span className="row">
            <Link to={`/clients/${clientId}/goals/plan`} className="button">
              {t.wizard.start}
            </Link>
            <Link to={`/clients/${clientId}/goals/new`} className="button primary">
              {t.clientPage.newGoal}
            </Link>
          </span>
        </div>
        <QueryState query={goals}>
          {(d) =>
            d.goals.length === 0 ? (
              <Empty>{t.clientPage.noGoals}</Empty>
            ) : (
              <div className="grid-2">
                {d.goals.map((g) => (
                  <article key={g.id} className="card">
                    <div className="spread">
                      <h3>
                        <Link to={`/goals/${g.id}`}>{g.title}</Link>
                      </h3>
                      <GoalStatusBadges goal={g} />
                    </div>
                    <p className="small">
                      {t.goal.stepsDone(g.steps.filter((s) => s.done).length, g.steps.length)}
                    </p>
                    <GoalProgress goal={g} timeZone={tz} />
                  </article>
                ))}
              </div>
            )
          }
        </QueryState>
      </section>
      <section className="card" aria-labelledby="check-ins-h">
        <h2 id="check-ins-h">{t.clientPage.checkIns}</h2>
        <CheckInTimeline clientId={clientId} timeZone={tz} />
      </section>
      {goals.data && (
        <section className="card" aria-labelledby="nudge-h">
          <h2 id="nudge-h">{t.nudge.title}</h2>
          <NudgeForm goals={goals.data.goals.filter((g) => g.status !== 'discontinued')} />
        </section>
      )}
      <section className="card" aria-labelledby="outcomes-h">
        <h2 id="outcomes-h">{t.clientPage.outcomes}</h2>
        <OutcomesCharts clientId={clientId} timeZone={tz} />
        <h3>{t.schedule.title}</h3>
        <ScheduleForm clientId={clientId} />
        <h3>{t.reliability.title}</h3>
        <p className="muted">{t.reliability.intro}</p>
        <MeasureReliability clientId={clientId} />
      </section>
      <section className="card" aria-labelledby="gas-h">
        <h2 id="gas-h">{t.gas.title}</h2>
        <GasPanel clientId={clientId} timeZone={tz} />
      </section>
      <section className="card" aria-labelledby="journal-h">
        <h2 id="journal-h">{t.clientPage.sharedJournal}</h2>
        <SharedJournal clientId={clientId} timeZone={tz} />
      </section>
    </div>
  );
}
