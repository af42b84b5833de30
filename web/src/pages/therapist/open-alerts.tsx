import { Link } from 'react-router';
import { useClients } from '../../api/queries.ts';
import { useDoneNote } from '../../components/done-note.tsx';
import { QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { sortAlerts, useAlerts } from './alerts.tsx';
import { AlertItem } from './alert-item.tsx';

const shown = 5;

/** The top of the dashboard: open alerts, risk above all, acknowledgeable in place. */
export function OpenAlerts() {
  const alerts = useAlerts('open');
  const clients = useClients();
  const { setDone, note } = useDoneNote();
  const tzOf = (id: string) =>
    clients.data?.clients.find((c) => c.id === id)?.timeZone ??
    Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <section aria-labelledby="open-alerts-h" className="open-alerts">
      <h2 id="open-alerts-h">{t.alerts.openTitle}</h2>
      {note}
      <QueryState query={alerts}>
        {(d) => {
          if (d.alerts.length === 0) return <p className="ok-text">✓ {t.alerts.noneOpen}</p>;
          const sorted = sortAlerts(d.alerts);
          return (
            <>
              <ul className="plain-list alerts-grid">
                {sorted.slice(0, shown).map((a) => (
                  <AlertItem
                    key={a.id}
                    onDone={setDone}
                    alert={a}
                    timeZone={tzOf(a.clientId)}
                    showClient
                  />
                ))}
              </ul>
              {sorted.length > shown && <Link to="/alerts">{t.alerts.seeAll(sorted.length)}</Link>}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
