import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { AccessReport } from '../../../../src/contract/security.ts';
import { get } from '../../api/http.ts';
import { useClientRecord } from '../../api/queries.ts';
import { useUser } from '../../api/session.tsx';
import { DateRangeFields, type DateRange } from '../../components/date-range.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

type Person = AccessReport['people'][number];

function PersonCard({ p, me, timeZone }: { p: Person; me: boolean; timeZone: string }) {
  const r = t.accessReport;
  // Stepwise itself (scheduled alerts and reminders) is nobody to worry about: no warning.
  const system = p.actorId === null;
  const flagged = !p.onCareTeam && !system;
  return (
    <li className={`card stack${flagged ? ' access-off-team' : ''}`}>
      <div className="spread">
        <h2>{me ? r.you : system ? r.system : p.name}</h2>
        {p.onCareTeam && <span className="badge badge-ok">{r.onTeam}</span>}
        {flagged && (
          <span className="badge badge-warn">
            <span aria-hidden="true">⚠ </span>
            {r.offTeam}
          </span>
        )}
      </div>
      <p className="muted small">{r.role[p.role] ?? p.role}</p>
      <p>{r.counts(p.reads, p.writes)}</p>
      <p className="small">
        {r.span(formatDateTime(p.first, timeZone), formatDateTime(p.last, timeZone))}
      </p>
      <details>
        <summary>{r.actions}</summary>
        <ul className="small">
          {p.actions.map((a) => (
            <li key={a}>
              <code>{a}</code>
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}

/** "Who has seen my record?": everyone whose access is in the audit log, off-team first. */
export function AccessReportPage() {
  usePageTitle(t.accessReport.title);
  const user = useUser();
  const clientId = user.clientId ?? '';
  const record = useClientRecord(clientId);
  const timeZone = record.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [range, setRange] = useState<DateRange>({ from: '', to: '' });
  const { from, to } = range;
  const params = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  const report = useQuery({
    queryKey: ['access-report', clientId, from, to],
    queryFn: ({ signal }) =>
      get<AccessReport>(`/api/clients/${clientId}/access-report?${params}`, signal),
    enabled: Boolean(clientId),
    placeholderData: (previous) => previous,
  });

  return (
    <div className="stack">
      <p>
        <Link to="/my-data">← {t.accessReport.back}</Link>
      </p>
      <h1>{t.accessReport.title}</h1>
      <p>{t.accessReport.intro}</p>
      <div className="filters row" role="search">
        <DateRangeFields value={range} onChange={setRange} labels={t.accessReport} />
      </div>
      <QueryState query={report}>
        {(d) =>
          d.people.length === 0 ? (
            <Empty>{t.accessReport.none}</Empty>
          ) : (
            <ul className="plain-list" aria-label={t.accessReport.title}>
              {d.people.map((p) => (
                <PersonCard
                  key={p.actorId ?? 'system'}
                  p={p}
                  me={p.actorId === user.id}
                  timeZone={timeZone}
                />
              ))}
            </ul>
          )
        }
      </QueryState>
      <p className="muted small">{t.accessReport.question}</p>
    </div>
  );
}
