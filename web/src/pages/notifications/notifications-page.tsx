import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { NotificationView } from '../../../../src/contract/notifications.ts';
import { errorText, send } from '../../api/http.ts';
import { notificationKeys, useNotifications } from '../../api/notifications.ts';
import { useClientRecord } from '../../api/queries.ts';
import { useUser } from '../../api/session.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

/** Times in the client's own zone for a client; staff see their browser's. */
function useViewerTimeZone(): string {
  const user = useUser();
  const record = useClientRecord(user.clientId ?? undefined);
  return record.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function Item({ n, timeZone }: { n: NotificationView; timeZone: string }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.list });
  const read = useMutation({
    mutationFn: () => send('POST', `/api/notifications/${n.id}/read`, {}),
    onSuccess: refresh,
  });
  const snooze = useMutation({
    mutationFn: () => send('POST', `/api/notifications/${n.id}/snooze`, { minutes: 60 }),
    onSuccess: async () => {
      setNote(t.notifications.snoozed);
      await refresh();
    },
  });
  const unread = n.readAt === undefined;
  const error = read.error ?? snooze.error;
  return (
    <li className={`card stack notification${unread ? ' notification-unread' : ''}`}>
      <div className="spread">
        <h2 className="h3">
          {unread && <span className="badge badge-info">{t.notifications.new}</span>} {n.title}
        </h2>
        <span className="muted small">
          {t.notifications.kind[n.kind] ?? n.kind} · {formatDateTime(n.createdAt, timeZone)}
        </span>
      </div>
      {n.body && <p className="pre-line">{n.body}</p>}
      <div className="row">
        {n.link && (
          <Link className="button" to={n.link} onClick={() => unread && read.mutate()}>
            {t.notifications.open}
            <span className="visually-hidden">: {n.title}</span>
          </Link>
        )}
        {unread && (
          <button type="button" className="button secondary" onClick={() => read.mutate()}>
            {t.notifications.markRead}
            <span className="visually-hidden">: {n.title}</span>
          </button>
        )}
        {unread && n.kind === 'reminder' && (
          <button type="button" className="button secondary" onClick={() => snooze.mutate()}>
            {t.notifications.snooze}
            <span className="visually-hidden">: {n.title}</span>
          </button>
        )}
      </div>
      <p role="status" className="small">
        {note}
        {error && <span className="error-text">⚠ {errorText(error)}</span>}
      </p>
    </li>
  );
}

/** Everyone's own notifications: reminders, nudges, summaries, digests — newest first. */
export function NotificationsPage() {
  usePageTitle(t.notifications.title);
  const list = useNotifications();
  const timeZone = useViewerTimeZone();
  const queryClient = useQueryClient();
  const readAll = useMutation({
    mutationFn: () => send('POST', '/api/notifications/read-all', {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.list }),
  });
  return (
    <div className="stack">
      <div className="spread">
        <h1>{t.notifications.title}</h1>
        {list.data && list.data.unread > 0 && (
          <button type="button" className="button" onClick={() => readAll.mutate()}>
            {t.notifications.markAllRead}
          </button>
        )}
      </div>
      <QueryState query={list}>
        {(d) => (
          <>
            <p className="muted" role="status">
              {t.notifications.unread(d.unread)}
            </p>
            {d.notifications.length === 0 ? (
              <Empty>{t.notifications.empty}</Empty>
            ) : (
              <ul className="plain-list stack">
                {d.notifications.map((n) => (
                  <Item key={n.id} n={n} timeZone={timeZone} />
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
      {readAll.error && <p className="error-text">⚠ {errorText(readAll.error)}</p>}
    </div>
  );
}
