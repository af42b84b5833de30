import { useDeferredValue, useMemo, useState } from 'react';
import type { ClientDashboardRow } from '../../../../src/contract/clients.ts';
import { useClients } from '../../api/queries.ts';
import { Field } from '../../components/field.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { CaseloadTable } from './caseload-table.tsx';
import { OpenAlerts } from './open-alerts.tsx';

type SortKey = 'urgency' | 'name' | 'lastCheckIn' | 'nextSession';

/** Most urgent first: open risk alerts above all, then the server's order (status, then name). */
function sortRows(rows: ClientDashboardRow[], key: SortKey): ClientDashboardRow[] {
  const indexed = rows.map((r, i) => ({ r, i }));
  indexed.sort((a, b) => {
    if (key === 'name') return a.r.name.localeCompare(b.r.name);
    if (key === 'lastCheckIn')
      return (a.r.lastCheckInAt ?? '').localeCompare(b.r.lastCheckInAt ?? '') || a.i - b.i;
    if (key === 'nextSession')
      // Booked sessions soonest first; clients with none booked after them.
      return (
        (a.r.nextSession?.date ?? '~').localeCompare(b.r.nextSession?.date ?? '~') || a.i - b.i
      );
    return b.r.alerts.risk - a.r.alerts.risk || a.i - b.i;
  });
  return indexed.map((x) => x.r);
}

export function DashboardPage() {
  usePageTitle(t.caseload.title);
  const clients = useClients();
  const [search, setSearch] = useState('');
  const [location, setLocation] = useState('');
  const [sort, setSort] = useState<SortKey>('urgency');
  const query = useDeferredValue(search.trim().toLowerCase());

  const rows = clients.data?.clients;
  const locations = useMemo(
    () =>
      [
        ...new Set((rows ?? []).map((c) => c.location).filter((l): l is string => Boolean(l))),
      ].sort(),
    [rows],
  );
  const shown = useMemo(
    () =>
      sortRows(
        (rows ?? []).filter(
          (c) =>
            (!location || c.location === location) &&
            (!query ||
              c.name.toLowerCase().includes(query) ||
              c.email.toLowerCase().includes(query)),
        ),
        sort,
      ),
    [rows, location, query, sort],
  );

  return (
    <div>
      <h1>{t.caseload.title}</h1>
      <OpenAlerts />
      <h2>{t.caseload.clients}</h2>
      <div className="filters row" role="search">
        <Field label={t.caseload.search}>
          {(a) => (
            <input
              {...a}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          )}
        </Field>
        <Field label={t.caseload.location}>
          {(a) => (
            <select {...a} value={location} onChange={(e) => setLocation(e.target.value)}>
              <option value="">{t.caseload.allLocations}</option>
              {locations.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.caseload.sort}>
          {(a) => (
            <select {...a} value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
              <option value="urgency">{t.caseload.sortUrgency}</option>
              <option value="name">{t.caseload.sortName}</option>
              <option value="lastCheckIn">{t.caseload.sortLastCheckIn}</option>
              <option value="nextSession">{t.caseload.sortNextSession}</option>
            </select>
          )}
        </Field>
      </div>
      {clients.data?.withheldRecords ? (
        <p className="muted" role="note">
          {t.caseload.withheldRecords(clients.data.withheldRecords)}
        </p>
      ) : null}
      <QueryState query={clients}>
        {(data) =>
          data.clients.length === 0 ? (
            <Empty>{t.caseload.empty}</Empty>
          ) : shown.length === 0 ? (
            <Empty>{t.caseload.noMatch}</Empty>
          ) : (
            <>
              <p className="muted" role="status">
                {t.caseload.count(shown.length, data.clients.length)}
              </p>
              <CaseloadTable rows={shown} />
            </>
          )
        }
      </QueryState>
    </div>
  );
}
