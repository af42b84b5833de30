import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { AuditEventDto } from '../../../../src/contract/clients.ts';
import { get } from '../../api/http.ts';
import { useClients } from '../../api/queries.ts';
import { DateRangeFields, type DateRange } from '../../components/date-range.tsx';
import { Field } from '../../components/field.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { dayIn, formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The access log: who did what to which client's record, filtered by client, actor and day. */
export function AuditLogPage() {
  usePageTitle(t.audit.title);
  const clients = useClients();
  const [clientId, setClientId] = useState('');
  const [actor, setActor] = useState('');
  const [range, setRange] = useState<DateRange>({ from: '', to: '' });
  const { from, to } = range;
  const events = useInfiniteQuery({
    queryKey: ['audit', clientId],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      get<{ events: AuditEventDto[]; next: number | null }>(
        `/api/audit?limit=500${clientId ? `&clientId=${clientId}` : ''}${pageParam !== undefined ? `&after=${pageParam}` : ''}`,
        signal,
      ),
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const all = useMemo(() => events.data?.pages.flatMap((p) => p.events) ?? [], [events.data]);
  const actors = useMemo(
    () => [...new Set(all.map((e) => e.actorId ?? ''))].filter(Boolean).sort(),
    [all],
  );
  const nameOf = (id: string | null) =>
    clients.data?.clients.find((c) => c.id === id)?.name ?? id ?? '';
  const shown = all
    .filter(
      (e) =>
        (!actor || e.actorId === actor) &&
        (!from || dayIn(e.at, zone) >= from) &&
        (!to || dayIn(e.at, zone) <= to),
    )
    .reverse();

  return (
    <div className="stack">
      <h1>{t.audit.title}</h1>
      <div className="filters row" role="search">
        <Field label={t.audit.client}>
          {(a) => (
            <select {...a} value={clientId} onChange={(e) => setClientId(e.target.value)}>
              <option value="">{t.audit.anyClient}</option>
              {clients.data?.clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.audit.actor}>
          {(a) => (
            <select {...a} value={actor} onChange={(e) => setActor(e.target.value)}>
              <option value="">{t.audit.anyActor}</option>
              {actors.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          )}
        </Field>
        <DateRangeFields value={range} onChange={setRange} labels={t.audit} />
      </div>
      <QueryState query={events}>
        {() =>
          shown.length === 0 ? (
            <Empty>{t.audit.none}</Empty>
          ) : (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t.audit.caption(zone)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.audit.when(zone)}</th>
                    <th scope="col">{t.audit.actor}</th>
                    <th scope="col">{t.audit.action}</th>
                    <th scope="col">{t.audit.client}</th>
                    <th scope="col">{t.audit.resource}</th>
                    <th scope="col">{t.audit.from_ip}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((e, i) => (
                    <tr key={`${e.at}-${i}`}>
                      <td>{formatDateTime(e.at, zone)}</td>
                      <td className="small">{e.actorId ?? '—'}</td>
                      <td>{e.action}</td>
                      <td>{e.clientId ? nameOf(e.clientId) : '—'}</td>
                      <td className="small">{e.resource}</td>
                      <td className="small">{e.ip ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      {events.hasNextPage && (
        <button
          type="button"
          className="button"
          onClick={() => void events.fetchNextPage()}
          disabled={events.isFetchingNextPage}
        >
          {t.audit.more}
        </button>
      )}
    </div>
  );
}
