import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { DigestView } from '../../../../src/contract/sessions.ts';
import { get } from '../../api/http.ts';
import { useClientRecord, useGoals } from '../../api/queries.ts';
import { SeverityBadge } from '../../components/status-badge.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime, formatDay, formatNumber } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { GasRating } from './gas-rating.tsx';
import { GoalReview } from './goal-review.tsx';
import { SessionNote } from './session-note.tsx';

/** The pre-session digest, GAS ratings per goal, and the clinician-only session note. */
export function SessionReviewPage() {
  const { clientId = '' } = useParams();
  const client = useClientRecord(clientId);
  const goals = useGoals(clientId);
  const digest = useQuery({
    queryKey: ['digest', clientId],
    queryFn: ({ signal }) => get<DigestView>(`/api/clients/${clientId}/digest`, signal),
  });
  usePageTitle(t.session.title);
  const tz = client.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div className="stack">
      <p>
        <Link to={`/clients/${clientId}`}>{t.goal.backToClient}</Link>
      </p>
      <h1>{t.session.heading(client.data?.name ?? '')}</h1>
      <QueryState query={digest}>
        {(d) => (
          <>
            <p className="lede">
              {t.session.since(formatDay(d.since))}{' '}
              {t.session.checkIns(d.checkIns.count, d.checkIns.days)}
            </p>
            <section className="card" aria-labelledby="dg-review">
              <h2 id="dg-review">{t.review.title}</h2>
              {d.dueForReview.length === 0 ? (
                <Empty>{t.review.none}</Empty>
              ) : (
                <ul className="plain-list stack">
                  {d.dueForReview.map((due) => {
                    const full = goals.data?.goals.find((x) => x.id === due.goalId);
                    return <li key={due.goalId}>{full && <GoalReview due={due} goal={full} />}</li>;
                  })}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="dg-goals">
              <h2 id="dg-goals">{t.clientPage.goals}</h2>
              {d.goals.length === 0 ? (
                <Empty>{t.clientPage.noGoals}</Empty>
              ) : (
                <ul className="plain-list">
                  {d.goals.map((g) => {
                    const full = goals.data?.goals.find((x) => x.id === g.id);
                    return (
                      <li key={g.id} className="digest-goal">
                        <h3>
                          <Link to={`/goals/${g.id}`}>{g.title}</Link>
                        </h3>
                        <p className="small">
                          {g.latest !== null && `${t.goal.latest(formatNumber(g.latest), '')} · `}
                          {t.caseload.direction[g.direction]}
                          {g.onTrack !== null &&
                            ` · ${g.onTrack ? t.goal.onTrack : t.goal.offTrack}`}
                          {` · ${t.session.stepsDone(g.stepsDone)}`}
                        </p>
                        {g.stepsMissed.length > 0 && (
                          <p className="warn-text small">
                            {t.session.missed(g.stepsMissed.map((s) => s.title).join(', '))}
                          </p>
                        )}
                        {full?.gas && full.can.rate && <GasRating goal={full} />}
                        {full?.can.edit && (
                          <Link to={`/goals/${g.id}/edit`} className="button link">
                            {t.session.revise}
                          </Link>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="dg-q">
              <h2 id="dg-q">{t.session.questionnaires}</h2>
              {d.questionnaires.length === 0 ? (
                <Empty>{t.outcomes.none}</Empty>
              ) : (
                <ul className="plain-list">
                  {d.questionnaires.map((q) => (
                    <li key={`${q.instrument}-${q.completedAt}`} className="badges">
                      {q.instrument === 'phq9' ? 'PHQ-9' : 'GAD-7'} {q.total}{' '}
                      <SeverityBadge severity={q.severity} />
                      {q.riskFlag && (
                        <span className="badge badge-danger">⚠ {t.outcomes.riskItem}</span>
                      )}
                      <span className="muted small">{formatDateTime(q.completedAt, tz)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="dg-j">
              <h2 id="dg-j">{t.session.raised}</h2>
              {d.sharedJournal.length === 0 && d.comments.length === 0 ? (
                <Empty>{t.session.nothingRaised}</Empty>
              ) : (
                <ul className="plain-list">
                  {d.sharedJournal.map((j) => (
                    <li key={j.id}>
                      <span className="badge badge-info">{t.journal.shared}</span>{' '}
                      <span className="muted small">{formatDateTime(j.createdAt, tz)}</span>
                      <p>{j.excerpt}</p>
                    </li>
                  ))}
                  {d.comments.map((c) => (
                    <li key={`${c.goalId}-${c.createdAt}`}>
                      <span className="muted small">
                        {t.session.commentOn(c.author, c.goalTitle)} ·{' '}
                        {formatDateTime(c.createdAt, tz)}
                      </span>
                      <p>{c.body}</p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </QueryState>
      <SessionNote clientId={clientId} timeZone={tz} />
    </div>
  );
}
