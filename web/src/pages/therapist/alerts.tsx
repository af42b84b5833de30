import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AlertList, AlertView } from '../../../../src/contract/alerts.ts';
import { get } from '../../api/http.ts';
import { useClients } from '../../api/queries.ts';
import { useDoneNote } from '../../components/done-note.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { AlertItem } from './alert-item.tsx';

const kindRank: Record<AlertView['kind'], number> = {
  risk: 0,
  deterioration: 1,
  'off-track': 2,
  silence: 3,
};

/** Open first, risk above all, then newest. */
export function sortAlerts(alerts: AlertView[]): AlertView[] {
  return [...alerts].sort(
    (a, b) =>
      Number(Boolean(a.acknowledgedAt)) - Number(Boolean(b.acknowledgedAt)) ||
      kindRank[a.kind] - kindRank[b.kind] ||
      b.createdAt.localeCompare(a.createdAt),
  );
}

export function useAlerts(status: 'open' | 'all' = 'open') {
  return useQuery({
    queryKey: ['alerts', status],
    queryFn: ({ signal }) => get<AlertList>(`/api/alerts?status=${status}`, signal),
  });
}

export function AlertsPage() {
  usePageTitle(t.nav.alerts);
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const alerts = useAlerts(status);
  const clients = useClients();
  const { setDone, note } = useDoneNote();
  const tzOf = (clientId: string) =>
    clients.data?.clients.find((c) => c.id === clientId)?.timeZone ??
    Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div className="stack">
      <h1>{t.alerts.title}</h1>
      {note}
      <fieldset className="row">
        <legend className="visually-hidden">{t.alerts.show}</legend>
        {(['open', 'all'] as const).map((s) => (
          <label key={s} className="check">
            <input
              type="radio"
              name="alert-status"
              checked={status === s}
              onChange={() => setStatus(s)}
            />
            {s === 'open' ? t.alerts.open : t.alerts.all}
          </label>
        ))}
      </fieldset>
      <QueryState query={alerts}>
        {(d) =>
          d.alerts.length === 0 ? (
            <Empty>{status === 'open' ? t.alerts.noneOpen : t.alerts.none}</Empty>
          ) : (
            <ul className="plain-list">
              {sortAlerts(d.alerts).map((a) => (
                <AlertItem
                  key={a.id}
                  onDone={setDone}
                  alert={a}
                  timeZone={tzOf(a.clientId)}
                  showClient
                />
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}
