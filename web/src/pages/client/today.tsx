import type { GoalView, MeasureView } from '../../../../src/contract/goals.ts';
import { useUser } from '../../api/session.tsx';
import { useClientRecord, useGoals } from '../../api/queries.ts';
import { CheckInCard } from '../../components/check-in/check-in-card.tsx';
import { OfflineBanner } from '../../components/offline-banner.tsx';
import { PracticeRow } from '../../components/practice-row.tsx';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { dayIn, formatDay } from '../../lib/format.ts';
import { isOnDay } from '../../lib/schedule.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { DueQuestionnaires } from './due-questionnaires.tsx';
import { KeepingItGoing } from './keeping-it-going.tsx';
import { UpcomingSteps } from './upcoming-steps.tsx';

/** Each measure once, with the goal it belongs to (the first active goal that uses it). */
function measuresOf(goals: GoalView[]): { measure: MeasureView; goal: GoalView }[] {
  const seen = new Map<string, { measure: MeasureView; goal: GoalView }>();
  for (const g of goals)
    if (g.measure && !seen.has(g.measure.id))
      seen.set(g.measure.id, { measure: g.measure, goal: g });
  return [...seen.values()];
}

/** The client's day: check in, tick practices and steps, answer what is due. */
export function TodayPage() {
  usePageTitle(t.today.title);
  const user = useUser();
  const clientId = user.clientId;
  const record = useClientRecord(clientId);
  const goals = useGoals(clientId);

  if (!clientId) return <ErrorState error={undefined} />;
  if (!goals.data && (record.error || goals.error))
    return (
      <ErrorState
        error={record.error ?? goals.error}
        onRetry={() => {
          void record.refetch();
          void goals.refetch();
        }}
      />
    );
  if (!goals.data) return <Loading />;

  const timeZone = record.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const today = dayIn(new Date(), timeZone);
  const active = (goals.data?.goals ?? []).filter((g) => g.status === 'active');
  const measures = measuresOf(active);
  const practices = active.flatMap((g) =>
    g.practices.filter(
      (p) => p.status === 'active' && p.startDate <= today && isOnDay(p.schedule, today),
    ),
  );

  return (
    <div className="today">
      <OfflineBanner queries={[record, goals]} timeZone={timeZone} />
      <h1>{t.today.greeting(user.name.split(' ')[0] ?? user.name)}</h1>
      <p className="lede">{t.today.dateLine(formatDay(today))}</p>

      <section aria-labelledby="check-in-h">
        <h2 id="check-in-h">{t.today.checkIn}</h2>
        {measures.length === 0 ? (
          <Empty>{t.today.noMeasures}</Empty>
        ) : (
          <>
            <p className="muted">{t.today.checkInIntro}</p>
            {measures.map(({ measure, goal }) => (
              <CheckInCard
                key={measure.id}
                clientId={clientId}
                measure={measure}
                goalTitle={goal.title}
                timeZone={timeZone}
                plans={goal.plans}
              />
            ))}
          </>
        )}
      </section>

      <KeepingItGoing
        goals={goals.data.goals}
        clientId={clientId}
        today={today}
        timeZone={timeZone}
      />

      <section aria-labelledby="practices-h" className="card">
        <h2 id="practices-h">{t.today.practices}</h2>
        {practices.length === 0 ? (
          <Empty>{t.today.noPractices}</Empty>
        ) : (
          <ul className="plain-list">
            {practices.map((p) => (
              <PracticeRow key={p.id} practice={p} clientId={clientId} today={today} />
            ))}
          </ul>
        )}
      </section>

      <DueQuestionnaires clientId={clientId} />
      <UpcomingSteps goals={active} today={today} clientId={clientId} />
    </div>
  );
}
