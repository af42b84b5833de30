import { useQuery } from '@tanstack/react-query';
import type { NotificationList } from '../../../src/contract/notifications.ts';
import { get } from './http.ts';

export const notificationKeys = {
  list: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
};

/** The nav badge: polled once a minute (a number only, so cheap and not audited). */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => get<{ unread: number }>('/api/notifications/unread-count', signal),
    refetchInterval: 60_000,
  });
}

export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.list,
    queryFn: ({ signal }) => get<NotificationList>('/api/notifications?limit=100', signal),
  });
}
