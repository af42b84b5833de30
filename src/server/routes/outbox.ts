import type { FastifyInstance } from 'fastify';
import { outboxMessageParams } from '../../contract/notifications.ts';
import { listOutbox, retryOutboxMessage } from '../../services/outbox.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

/** Admins read the clinic's e-mail (sent, waiting, failed) and retry a failed one. */
export function outboxRoutes(
  app: FastifyInstance,
  store: Store,
  mail: { baseUrl: string; delivering: boolean },
): void {
  app.get('/api/outbox', { config: { action: 'outbox.read' } }, (req) =>
    listOutbox(store, auditContext(req), req.query, mail),
  );
  app.post('/api/outbox/:messageId/retry', { config: { action: 'outbox.retry' } }, (req) => {
    const { messageId } = parse(outboxMessageParams, req.params, 'params');
    return retryOutboxMessage(store, auditContext(req), messageId);
  });
}
