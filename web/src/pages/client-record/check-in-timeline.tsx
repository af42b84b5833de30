import { useInfiniteQuery } from '@tanstack/react-query';
import type { MeasureView } from '../../../../src/contract/goals.ts';
import type { CheckInList, CheckInView } from '../../../../src/contract/measurement.ts';
import { get } from '../../api/http.ts';
import { useMeasures } from '../../api/queries.ts';
import { Empty, ErrorState, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';

const pageSize = 20;

function valueText(c: CheckInView, m: MeasureView | undefined): string {
  if (m?.kind === 'yesno') return c.value === 1 ? t.checkIn.yes : t.checkIn.no;
  if (m?.kind === 'scale') return t.timeline.outOf10(formatNumber(c.value));
  return [formatNumber(c.value), m?.unit].filter(Boolean).join(' ');
}

/** Recent check-ins across all measures, newest first, a page at a time, each with its note. */
export function CheckInTimeline({ clientId, timeZone }: { clientId: string; timeZone: string }) {
  const measures = useMeasures(clientId);
  const checkIns = useInfiniteQuery({
    queryKey: ['check-ins', clientId, 'timeline'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      get<CheckInList>(
        `/api/clients/${clientId}/check-ins?limit=${pageSize}${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ''}`,
        signal,
      ),
    // Each page is oldest first; the timeline reads newest first.
    select: (d) => d.pages.flatMap((p) => [...p.checkIns].reverse()),
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const byId = new Map((measures.data?.measures ?? []).map((m) => [m.id, m]));

  return (
    <QueryState query={checkIns}>
      {(list) =>
        list.length === 0 ? (
          <Empty>{t.timeline.none}</Empty>
        ) : (
          <>
            <ol className="plain-list timeline">
              {list.map((c) => {
                const m = byId.get(c.measureId);
                return (
                  <li key={c.id} className="timeline-item">
                    <div className="spread">
                      <span>
                        <strong>{m?.name ?? t.timeline.measure}</strong>: {valueText(c, m)}
                      </span>
                      <time className="muted small" dateTime={c.at}>
                        {formatDateTime(c.at, timeZone)}
                      </time>
                    </div>
                    {c.note && <p className="timeline-note">{c.note}</p>}
                  </li>
                );
              })}
            </ol>
            {checkIns.isFetchNextPageError && (
              <ErrorState error={checkIns.error} onRetry={() => void checkIns.fetchNextPage()} />
            )}
            {checkIns.hasNextPage && (
              <button
                type="button"
                className="button"
                onClick={() => void checkIns.fetchNextPage()}
                disabled={checkIns.isFetchingNextPage}
              >
                {checkIns.isFetchingNextPage ? t.states.loading : t.timeline.older}
              </button>
            )}
          </>
        )
      }
    </QueryState>
  );
}
