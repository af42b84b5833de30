import { ApiError, NetworkError } from '../api/http.ts';
import { t } from '../i18n/index.ts';
import { dayIn, formatDateTime, formatTime } from '../lib/format.ts';
import { useOnline } from '../lib/use-online.ts';

interface Shown {
  data: unknown;
  dataUpdatedAt: number;
  error: unknown;
}

/**
 * Says plainly that the screen shows what was loaded earlier, and when, while the browser is
 * offline or the last refresh could not reach the server (or it answered 5xx). Nothing when
 * the data is current.
 */
export function OfflineBanner({ queries, timeZone }: { queries: Shown[]; timeZone: string }) {
  const online = useOnline();
  const shown = queries.filter((q) => q.data !== undefined);
  const unreachable = shown.some(
    (q) =>
      q.error instanceof NetworkError || (q.error instanceof ApiError && q.error.status >= 500),
  );
  if (shown.length === 0 || (online && !unreachable)) return null;
  const loadedAt = new Date(Math.min(...shown.map((q) => q.dataUpdatedAt))).toISOString();
  const when =
    dayIn(loadedAt, timeZone) === dayIn(new Date(), timeZone)
      ? formatTime(loadedAt, timeZone)
      : formatDateTime(loadedAt, timeZone);
  return (
    <div className="offline-banner" role="status">
      <p>
        <strong>{online ? t.offline.serverTitle : t.offline.title}</strong>{' '}
        {t.offline.showing(when)}
      </p>
      <p className="small">{t.offline.checkInsQueue}</p>
    </div>
  );
}
