import { Link } from 'react-router';
import type { GoalView } from '../../../../src/contract/goals.ts';
import { CheckInCard } from '../../components/check-in/check-in-card.tsx';
import { t } from '../../i18n/index.ts';
import { daysBetween, dayIn, formatDay } from '../../lib/format.ts';

/** How long a goal just achieved is celebrated on Today (its journey stays on its page). */
const celebrateDays = 14;

/**
 * Today's achieved goals: each one in the sustaining phase on its lighter rhythm (a check-in
 * when one is due, else the day of the next), and goals achieved lately with their journey.
 */
export function KeepingItGoing({
  goals,
  clientId,
  today,
  timeZone,
}: {
  goals: GoalView[];
  clientId: string;
  today: string;
  timeZone: string;
}) {
  const shown = goals.filter(
    (g) =>
      g.status === 'achieved' &&
      (g.sustaining || daysBetween(dayIn(g.updatedAt, timeZone), today) <= celebrateDays),
  );
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="keeping-h" className="card">
      <h2 id="keeping-h">{t.sustain.todayTitle}</h2>
      <p className="muted">{t.sustain.todayIntro}</p>
      <ul className="plain-list">
        {shown.map((g) => (
          <li key={g.id} className="stack">
            <p>
              {t.sustain.achieved(g.title)}{' '}
              <Link to={`/goals/${g.id}/journey`}>{t.journey.link}</Link>
            </p>
            {g.sustaining && (
              <>
                <p className="small">
                  {t.sustain.rhythm(g.sustaining.checkInEveryDays)}{' '}
                  {g.sustaining.checkInDue
                    ? t.sustain.due
                    : t.sustain.next(formatDay(g.sustaining.nextCheckInOn))}
                </p>
                {g.sustaining.checkInDue && g.measure && (
                  <CheckInCard
                    clientId={clientId}
                    measure={g.measure}
                    goalTitle={g.title}
                    timeZone={timeZone}
                    plans={g.plans}
                  />
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
