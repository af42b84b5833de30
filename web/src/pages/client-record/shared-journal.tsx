import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { JournalPage } from '../../../../src/contract/journal.ts';
import { get } from '../../api/http.ts';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { JournalEntry } from '../client/journal.tsx';

/** The entries the client chose to share (the server never sends private ones to staff). */
export function SharedJournal({ clientId, timeZone }: { clientId: string; timeZone: string }) {
  const [limit, setLimit] = useState(5);
  const entries = useQuery({
    queryKey: ['journal', clientId, limit],
    queryFn: ({ signal }) =>
      get<JournalPage>(`/api/clients/${clientId}/journal?limit=${limit}`, signal),
    placeholderData: (previous) => previous,
  });
  return (
    <QueryState query={entries}>
      {(d) =>
        d.entries.length === 0 ? (
          <Empty>{t.journal.noneShared}</Empty>
        ) : (
          <>
            <ul className="plain-list">
              {d.entries.map((e) => (
                <JournalEntry key={e.id} entry={e} timeZone={timeZone} />
              ))}
            </ul>
            {d.next && limit < 200 && (
              <button
                type="button"
                className="button link"
                onClick={() => setLimit(Math.min(200, limit + 20))}
              >
                {t.journal.showMore}
              </button>
            )}
          </>
        )
      }
    </QueryState>
  );
}
