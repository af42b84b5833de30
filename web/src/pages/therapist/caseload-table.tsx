import { memo } from 'react';
import { Link } from 'react-router';
import type { ClientDashboardRow, InstrumentSnapshot } from '../../../../src/contract/clients.ts';
import { Sparkline } from '../../components/charts/sparkline.tsx';
import { SeverityBadge, StatusBadge } from '../../components/status-badge.tsx';
import { t } from '../../i18n/index.ts';
import { dayIn, formatDateTime, formatDay, formatNumber } from '../../lib/format.ts';

function Alerts({ a }: { a: ClientDashboardRow['alerts'] }) {
  const parts = [
    a.risk > 0 && (
      <span key="risk" className="badge badge-danger">
        <span aria-hidden="true">⚠ </span>
        {t.caseload.alertRisk(a.risk)}
      </span>
    ),
    a.deterioration > 0 && (
      <span key="det" className="badge badge-warn">
        {t.caseload.alertDeterioration(a.deterioration)}
      </span>
    ),
    a.offTrack > 0 && (
      <span key="off" className="badge badge-warn">
        {t.caseload.alertOffTrack(a.offTrack)}
      </span>
    ),
    a.silence > 0 && (
      <span key="sil" className="badge badge-warn">
        {t.caseload.alertSilence(a.silence)}
      </span>
    ),
  ].filter(Boolean);
  return parts.length ? (
    <div className="badges">{parts}</div>
  ) : (
    <span className="muted">{t.caseload.none}</span>
  );
}

function Instrument({ s }: { s: InstrumentSnapshot | null }) {
  if (!s) return <span className="muted">{t.caseload.none}</span>;
  return (
    <div className="badges">
      <strong>{s.latest}</strong> <SeverityBadge severity={s.severity} />
      {s.reliableDeterioration && (
        <span className="badge badge-danger">↑ {t.outcomes.reliableDeterioration}</span>
      )}
      {s.reliableImprovement && (
        <span className="badge badge-ok">↓ {t.outcomes.reliableImprovement}</span>
      )}
    </div>
  );
}

function NextSession({ c }: { c: ClientDashboardRow }) {
  const next = c.nextSession;
  if (!next) return <span className="muted">{t.caseload.noSession}</span>;
  return (
    <>
      {next.date === dayIn(new Date(), c.timeZone) ? t.caseload.today : formatDay(next.date)}
      <div className="muted">{t.caseload.with(next.therapist.name)}</div>
    </>
  );
}

const Row = memo(function Row({ c }: { c: ClientDashboardRow }) {
  return (
    <tr className={c.alerts.risk > 0 ? 'row-risk' : undefined}>
      <th scope="row">
        <Link to={`/clients/${c.id}`}>{c.name}</Link>
        <div className="muted small">{c.location ?? ''}</div>
      </th>
      <td>
        <StatusBadge status={c.status} />
      </td>
      <td>
        <Alerts a={c.alerts} />
      </td>
      <td>
        {c.main ? (
          <div className="main-measure">
            <Sparkline values={c.main.sparkline.map((p) => p.value)} />
            <div className="small">
              {c.main.measureName}:{' '}
              <strong>{c.main.latest === null ? '–' : formatNumber(c.main.latest)}</strong>{' '}
              {c.main.unit ?? ''}
              <div className="muted">{t.caseload.direction[c.main.direction]}</div>
            </div>
          </div>
        ) : (
          <span className="muted">{t.caseload.none}</span>
        )}
      </td>
      <td>
        <Instrument s={c.phq9} />
      </td>
      <td>
        <Instrument s={c.gad7} />
      </td>
      <td className="small">
        {t.caseload.goals(c.goals.onTrack, c.goals.offTrack, c.goals.active)}
      </td>
      <td className="small">
        {c.lastCheckInAt ? (
          formatDateTime(c.lastCheckInAt, c.timeZone)
        ) : (
          <span className="muted">{t.caseload.never}</span>
        )}
        {c.status === 'silent' && (
          <div>
            <Link to={`/clients/${c.id}#nudge`} aria-label={t.caseload.nudgeLabel(c.name)}>
              {t.caseload.nudge}
            </Link>
          </div>
        )}
      </td>
      <td className="small">
        <NextSession c={c} />
      </td>
    </tr>
  );
});

/** One row per client; memoised rows keep a 60-client caseload quick to filter. */
export function CaseloadTable({ rows }: { rows: ClientDashboardRow[] }) {
  return (
    <div className="table-scroll">
      <table className="caseload">
        <caption className="visually-hidden">{t.caseload.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.caseload.colClient}</th>
            <th scope="col">{t.caseload.colStatus}</th>
            <th scope="col">{t.caseload.colAlerts}</th>
            <th scope="col">{t.caseload.colMain}</th>
            <th scope="col">PHQ-9</th>
            <th scope="col">GAD-7</th>
            <th scope="col">{t.caseload.colGoals}</th>
            <th scope="col">{t.caseload.colLastCheckIn}</th>
            <th scope="col">{t.caseload.colNextSession}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <Row key={c.id} c={c} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
