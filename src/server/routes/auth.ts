import type { FastifyInstance } from 'fastify';
import { loginBody, type SessionView } from '../../contract/auth.ts';
import { login, presentUser } from '../../services/auth.ts';
import { mfaStatus } from '../../services/mfa.ts';
import { recordAudit } from '../../store/audit.ts';
import { deleteSession, deleteSessionByToken } from '../../store/auth-sessions.ts';
import type { Store } from '../../store/db.ts';
import { auditContext } from '../context.ts';
import { clearSessionCookie, readSessionToken, setSessionCookie } from '../plugins/auth.ts';
import { parse } from '../../validate.ts';

export function authRoutes(app: FastifyInstance, store: Store): void {
  app.post('/api/auth/login', { config: { action: 'public' } }, async (req, reply) => {
    const body = parse(loginBody, req.body, 'body');
    const { view, token } = await login(store, body, req.ip, req.now);
    // Rotate: once the new session exists, whatever session this browser had ends. (A refused
    // login changes nothing, not even the session it came with.)
    const previous = readSessionToken(req);
    if (previous) await deleteSessionByToken(store.db, previous);
    setSessionCookie(req, reply, token);
    return view;
  });

  app.post('/api/auth/logout', { config: { action: 'session.end' } }, async (req, reply) => {
    const ctx = auditContext(req);
    await store.db.transaction().execute(async (trx) => {
      await deleteSession(trx, req.authSession!.idHash);
      await recordAudit(trx, store.dialect, ctx, [
        { action: 'auth.logout', clientId: null, resource: `user/${ctx.actorId}` },
      ]);
    });
    clearSessionCookie(req, reply);
    return reply.code(204).send();
  });

  app.get('/api/me', { config: { action: 'session.read' } }, async (req): Promise<SessionView> => {
    const { actor } = auditContext(req);
    return {
      user: presentUser(actor),
      csrfToken: req.authSession!.csrfToken,
      mfa: mfaStatus(req.authSession!),
    };
  });
}
