import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { JourneyView } from '../../../../src/contract/goal-reviews.ts';
import { rankPlans } from '../../../../src/domain/if-then.ts';
import { get } from '../../api/http.ts';
import { useUser } from '../../api/session.tsx';
import { QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDay, formatNumber, formatPercent } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

const value = (v: number | null, unit: string | null) =>
  v === null ? t.journey.none : `${formatNumber(v)} ${unit ?? ''}`.trim();

/** Where the client started and where they are, as text (a definition list, not a chart). */
function Figures({ journey }: { journey: JourneyView }) {
  const { figures: f, measure: m } = journey;
  if (!f || !m) return <p>{t.journey.noMeasure}</p>;
  const signed = f.change === null ? null : `${f.change > 0 ? '+' : ''}${formatNumber(f.change)}`;
  return (
    <section className="card" aria-labelledby="journey-figures-h">
      <h2 id="journey-figures-h">{t.journey.measure(m.name)}</h2>
      <dl className="figures">
        <div>
          <dt>{t.journey.start}</dt>
          <dd>{value(f.start, m.unit)}</dd>
        </div>
        <div>
          <dt>{t.journey.latest}</dt>
          <dd>{value(f.latest, m.unit)}</dd>
        </div>
        <div>
          <dt>{t.journey.best}</dt>
          <dd>{value(f.best, m.unit)}</dd>
        </div>
        <div>
          <dt>{t.journey.change}</dt>
          <dd>
            {signed === null
              ? t.journey.none
              : t.journey.changeValue(signed, m.unit ?? '', f.improved)}
          </dd>
        </div>
        {f.percentToTarget !== null && (
          <div>
            <dt>{t.journey.toTarget}</dt>
            <dd>{formatPercent(f.percentToTarget)}</dd>
          </div>
        )}
        <div>
          <dt>{t.journey.checkIns}</dt>
          <dd>{f.checkIns}</dd>
        </div>
      </dl>
    </section>
  );
}

/** One part of the journey: a heading and its lines, or what to say when there are none. */
function Part(p: {
  id: string;
  title: string;
  empty: string | undefined;
  summary?: string;
  items: string[];
}) {
  return (
    <section className="card" aria-labelledby={`${p.id}-h`}>
      <h2 id={`${p.id}-h`}>{p.title}</h2>
      {p.empty !== undefined ? (
        <p>{p.empty}</p>
      ) : (
        <>
          {p.summary && <p>{p.summary}</p>}
          {p.items.length > 0 && (
            <ul>
              {p.items.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function Journey({ journey }: { journey: JourneyView }) {
  // The client reads it as theirs; their care team sees what the client sees.
  const staff = useUser().role !== 'client';
  const title = (staff ? t.journey.staffTitle : t.journey.title)(journey.title);
  usePageTitle(title);
  const { steps, practices } = journey;
  const helped = rankPlans(
    journey.plans.filter((p) => p.uses > 0),
    (p) => p,
  );
  return (
    <article className="stack journey">
      <header className="journey-head">
        <h1>{title}</h1>
        <p className="lede">
          {t.journey.achievedLine(
            journey.achievedOn ? formatDay(journey.achievedOn) : null,
            formatDay(journey.startedOn),
            journey.days,
          )}
        </p>
        <p>
          {staff
            ? t.journey.staffNote
            : journey.status === 'achieved'
              ? t.journey.recognise
              : t.journey.sofar}
        </p>
      </header>
      <Figures journey={journey} />
      <Part
        id="journey-steps"
        title={t.journey.steps}
        empty={steps.total === 0 ? t.journey.noSteps : undefined}
        summary={t.journey.stepsDone(steps.done, steps.total)}
        items={steps.doneTitles.map((title) => `✓ ${title}`)}
      />
      <Part
        id="journey-practices"
        title={t.journey.practices}
        empty={practices.length === 0 ? t.journey.noPractices : undefined}
        items={practices.map((p) => t.journey.practice(p.title, p.completions, p.streak.best))}
      />
      <Part
        id="journey-plans"
        title={t.journey.plans}
        empty={helped.length === 0 ? t.journey.noPlans : undefined}
        items={helped.map((p) => t.journey.plan(p.sentence, p.uses, p.workedPercent))}
      />
      <p>
        <Link to={`/goals/${journey.goalId}`}>{t.journey.back}</Link>
      </p>
    </article>
  );
}

/**
 * The journey of a goal (issue 10): shown when it is achieved, and reachable from its page
 * later — from the baseline to now, steps done, practice streaks and the plans that helped.
 * Calm on purpose: no animation, every figure in words.
 */
export function JourneyPage() {
  const { goalId } = useParams();
  const journey = useQuery({
    queryKey: ['journey', goalId],
    queryFn: ({ signal }) => get<JourneyView>(`/api/goals/${goalId}/journey`, signal),
    enabled: Boolean(goalId),
  });
  return <QueryState query={journey}>{(j) => <Journey journey={j} />}</QueryState>;
}
