import type { FastifyInstance } from 'fastify';
import { clientIdParams } from '../../contract/common.ts';
import { notificationIdParams } from '../../contract/notifications.ts';
import {
  listMyNotifications,
  myUnreadCount,
  readAllNotifications,
  readNotification,
} from '../../services/notifications.ts';
import {
  getReminderSettings,
  putReminderSettings,
  snoozeNotification,
} from '../../services/reminders.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

/** Everyone's own in-app notifications (nobody sees another person's), and a client's reminders. */
export function notificationRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/notifications', { config: { action: 'notification.read' } }, (req) =>
    listMyNotifications(store, auditContext(req), req.query),
  );
  app.get('/api/notifications/unread-count', { config: { action: 'notification.read' } }, (req) =>
    myUnreadCount(store, auditContext(req)),
  );
  app.post(
    '/api/notifications/:notificationId/read',
    { config: { action: 'notification.update' } },
    (req) => {
      const { notificationId } = parse(notificationIdParams, req.params, 'params');
      return readNotification(store, auditContext(req), notificationId);
    },
  );
  app.post(
    '/api/notifications/:notificationId/snooze',
    { config: { action: 'notification.update' } },
    (req) => {
      const { notificationId } = parse(notificationIdParams, req.params, 'params');
      return snoozeNotification(store, auditContext(req), notificationId, req.body);
    },
  );
  app.get('/api/clients/:clientId/reminders', { config: { action: 'reminders.read' } }, (req) => {
    const { clientId } = parse(clientIdParams, req.params, 'params');
    return getReminderSettings(store, auditContext(req), clientId);
  });
  app.put('/api/clients/:clientId/reminders', { config: { action: 'reminders.update' } }, (req) => {
    const { clientId } = parse(clientIdParams, req.params, 'params');
    return putReminderSettings(store, auditContext(req), clientId, req.body);
  });
  app.post('/api/notifications/read-all', { config: { action: 'notification.update' } }, (req) =>
    readAllNotifications(store, auditContext(req)),
  );
}
