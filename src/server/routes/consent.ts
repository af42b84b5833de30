import type { FastifyInstance } from 'fastify';
import { clientIdParams } from '../../contract/common.ts';
import { directiveIdParams } from '../../contract/consent.ts';
import {
  clientDirectives,
  createDirective,
  revokeConsentDirective,
} from '../../services/consent-directives.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

/** Consent directives (the lockbox): the client, or an admin on their written request. */
export function consentRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    '/api/clients/:clientId/consent-directives',
    { config: { action: 'consent.read' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return clientDirectives(store, auditContext(req), clientId);
    },
  );
  app.post(
    '/api/clients/:clientId/consent-directives',
    { config: { action: 'consent.manage' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return reply
        .code(201)
        .send(await createDirective(store, auditContext(req), clientId, req.body));
    },
  );
  app.post(
    '/api/consent-directives/:directiveId/revoke',
    { config: { action: 'consent.manage' } },
    async (req) => {
      const { directiveId } = parse(directiveIdParams, req.params, 'params');
      return revokeConsentDirective(store, auditContext(req), directiveId, req.body);
    },
  );
}
