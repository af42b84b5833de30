import { useSyncExternalStore } from 'react';
import { t } from '../i18n/index.ts';
import { checkInQueue } from '../offline/check-in-queue.ts';

/** Tells the client what waits on the device, and anything the server refused. */
export function QueueBanner() {
  const q = useSyncExternalStore(checkInQueue.subscribe, checkInQueue.getSnapshot);
  if (q.pending.length === 0 && q.refused.length === 0) return null;
  return (
    <div className="queue-banner" role="status" aria-live="polite">
      {q.pending.length > 0 && (
        <p>
          {t.queue.waiting(q.pending.length)}{' '}
          <button type="button" className="button link" onClick={() => void checkInQueue.flush()}>
            {t.queue.sendNow}
          </button>
        </p>
      )}
      {q.refused.map((r) => (
        <p key={r.item.id} className="error-text">
          <span aria-hidden="true">⚠ </span>
          {t.queue.refused(r.detail)}
        </p>
      ))}
      {q.refused.length > 0 && (
        <button type="button" className="button link" onClick={() => checkInQueue.dismissRefused()}>
          {t.queue.dismiss}
        </button>
      )}
    </div>
  );
}
