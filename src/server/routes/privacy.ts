import type { FastifyInstance, FastifyRequest } from 'fastify';
import { grantIdParams } from '../../contract/privacy.ts';
import { userIdParams } from '../../contract/security.ts';
import {
  myBreakGlassGrants,
  openBreakGlass,
  searchBreakGlassCandidates,
} from '../../services/break-glass.ts';
import { setPrivacyOfficer } from '../../services/privacy-officers.ts';
import {
  markNotificationsRead,
  privacyNotifications,
  reviewGrant,
  reviewQueue,
} from '../../services/privacy-review.ts';
import { snoopingReport } from '../../services/snooping-report.ts';
import type { LiveSession } from '../../store/auth-sessions.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

const live = (req: FastifyRequest): LiveSession => req.authSession!;

/** Break-the-glass (therapists), and the privacy officer's review queue and snooping report. */
export function privacyRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/break-glass/clients', { config: { action: 'break-glass.open' } }, async (req) => ({
    clients: await searchBreakGlassCandidates(store, auditContext(req), req.query),
  }));
  app.get('/api/break-glass', { config: { action: 'break-glass.open' } }, async (req) => ({
    grants: await myBreakGlassGrants(store, auditContext(req)),
  }));
  app.post('/api/break-glass', { config: { action: 'break-glass.open' } }, async (req, reply) =>
    reply.code(201).send(await openBreakGlass(store, auditContext(req), live(req), req.body)),
  );

  app.get('/api/privacy/break-glass', { config: { action: 'privacy.review' } }, async (req) =>
    reviewQueue(store, auditContext(req), req.query),
  );
  app.post(
    '/api/privacy/break-glass/:grantId/review',
    { config: { action: 'privacy.review' } },
    async (req) => {
      const { grantId } = parse(grantIdParams, req.params, 'params');
      return reviewGrant(store, auditContext(req), grantId, req.body);
    },
  );
  app.get('/api/privacy/notifications', { config: { action: 'privacy.review' } }, async (req) =>
    privacyNotifications(store, auditContext(req)),
  );
  app.post(
    '/api/privacy/notifications/read',
    { config: { action: 'privacy.review' } },
    async (req, reply) => {
      await markNotificationsRead(store, auditContext(req));
      return reply.code(204).send();
    },
  );
  app.get('/api/privacy/snooping', { config: { action: 'privacy.review' } }, async (req) =>
    snoopingReport(store, auditContext(req), req.query),
  );

  app.post(
    '/api/users/:userId/privacy-officer',
    { config: { action: 'user.manage' } },
    async (req) => {
      const { userId } = parse(userIdParams, req.params, 'params');
      return setPrivacyOfficer(store, auditContext(req), live(req), userId, req.body);
    },
  );
}
