import type { FastifyInstance } from 'fastify';
import { clientIdParams } from '../../contract/common.ts';
import { sessionIdParams } from '../../contract/sessions.ts';
import {
  createSession,
  listSessions,
  patchSession,
  sessionDigest,
} from '../../services/therapy-sessions.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

/** Therapy sessions (dated meetings with a clinician-only note) and the pre-session digest. */
export function sessionRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    '/api/clients/:clientId/sessions',
    { config: { action: 'therapy-session.read' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return { sessions: await listSessions(store, auditContext(req), clientId) };
    },
  );
  app.post(
    '/api/clients/:clientId/sessions',
    { config: { action: 'therapy-session.write' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return reply
        .code(201)
        .send(await createSession(store, auditContext(req), clientId, req.body));
    },
  );
  app.patch(
    '/api/sessions/:sessionId',
    { config: { action: 'therapy-session.write' } },
    async (req) => {
      const { sessionId } = parse(sessionIdParams, req.params, 'params');
      return patchSession(store, auditContext(req), sessionId, req.body);
    },
  );
  app.get('/api/clients/:clientId/digest', { config: { action: 'client.digest' } }, async (req) => {
    const { clientId } = parse(clientIdParams, req.params, 'params');
    return sessionDigest(store, auditContext(req), clientId, req.query);
  });
}
