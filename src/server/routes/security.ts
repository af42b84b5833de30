import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sessionHandleParams, userIdParams } from '../../contract/security.ts';
import {
  changePassword,
  inviteUser,
  listMySessions,
  listUsers,
  resetLink,
  revokeMySession,
  setDisabled,
  setPasswordWithToken,
} from '../../services/account-security.ts';
import {
  beginEnrolment,
  confirmEnrolment,
  disableMfa,
  mfaStatus,
  reauthenticate,
  verifySecondFactor,
} from '../../services/mfa.ts';
import { clientIdParams } from '../../contract/common.ts';
import { accessReport } from '../../services/access-report.ts';
import { changeEmail } from '../../services/email-change.ts';
import type { LiveSession } from '../../store/auth-sessions.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

const live = (req: FastifyRequest): LiveSession => req.authSession!;
const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** MFA, re-authentication, my sessions, password changes; admin invitations, resets and disabling. */
export function securityRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/auth/mfa', { config: { action: 'mfa.manage' } }, async (req) =>
    mfaStatus(live(req)),
  );
  app.post('/api/auth/mfa/enrol', { config: { action: 'mfa.manage' } }, async (req) =>
    beginEnrolment(store, auditContext(req), live(req)),
  );
  app.post('/api/auth/mfa/confirm', { config: { action: 'mfa.manage' } }, async (req) =>
    confirmEnrolment(store, auditContext(req), live(req), req.body),
  );
  app.post('/api/auth/mfa/verify', { config: { action: 'mfa.manage' } }, async (req) =>
    verifySecondFactor(store, auditContext(req), live(req), req.body),
  );
  app.post('/api/auth/mfa/disable', { config: { action: 'mfa.manage' } }, async (req, reply) => {
    await disableMfa(store, auditContext(req), live(req));
    return reply.code(204).send();
  });
  app.post('/api/auth/reauth', { config: { action: 'mfa.manage' } }, async (req) =>
    reauthenticate(store, auditContext(req), live(req), req.body),
  );
  app.post('/api/auth/password', { config: { action: 'account.manage' } }, async (req, reply) => {
    await changePassword(store, auditContext(req), live(req), req.body);
    return reply.code(204).send();
  });
  app.post('/api/auth/email', { config: { action: 'account.manage' } }, async (req) =>
    changeEmail(store, auditContext(req), live(req), req.body),
  );
  app.get('/api/auth/sessions', { config: { action: 'account.manage' } }, async (req) => ({
    sessions: await listMySessions(store, auditContext(req), live(req)),
  }));
  app.post(
    '/api/auth/sessions/:sessionHandle/revoke',
    { config: { action: 'account.manage' } },
    async (req, reply) => {
      const { sessionHandle } = parse(sessionHandleParams, req.params, 'params');
      await revokeMySession(store, auditContext(req), sessionHandle);
      return reply.code(204).send();
    },
  );

  app.post('/api/auth/accept-invite', { config: { action: 'public' } }, async (req, reply) => {
    await setPasswordWithToken(store, 'invite', req.body, req.ip, req.now);
    return reply.code(204).send();
  });
  app.post('/api/auth/reset', { config: { action: 'public' } }, async (req, reply) => {
    await setPasswordWithToken(store, 'reset', req.body, req.ip, req.now);
    return reply.code(204).send();
  });

  app.get(
    '/api/clients/:clientId/access-report',
    { config: { action: 'client.access-report' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return accessReport(store, auditContext(req), clientId, req.query);
    },
  );

  app.get('/api/users', { config: { action: 'user.manage' } }, async (req) => ({
    users: await listUsers(store, auditContext(req)),
  }));
  app.post('/api/users', { config: { action: 'user.manage' } }, async (req, reply) =>
    reply.code(201).send(await inviteUser(store, auditContext(req), req.body, baseUrl(req))),
  );
  app.post(
    '/api/users/:userId/reset-link',
    { config: { action: 'user.manage' } },
    async (req, reply) => {
      const { userId } = parse(userIdParams, req.params, 'params');
      return reply.code(201).send(await resetLink(store, auditContext(req), userId, baseUrl(req)));
    },
  );
  app.post('/api/users/:userId/disabled', { config: { action: 'user.manage' } }, async (req) => {
    const { userId } = parse(userIdParams, req.params, 'params');
    return setDisabled(store, auditContext(req), userId, req.body);
  });
}
