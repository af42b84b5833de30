import type { FastifyInstance } from 'fastify';
import { clientIdParams } from '../../contract/common.ts';
import { correctionIdParams } from '../../contract/exports.ts';
import {
  clientCorrections,
  requestCorrection,
  resolveCorrection,
} from '../../services/corrections.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

/** The right of correction: a client asks, a therapist answers, nothing is erased. */
export function correctionRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    '/api/clients/:clientId/corrections',
    { config: { action: 'correction.read' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return { corrections: await clientCorrections(store, auditContext(req), clientId) };
    },
  );
  app.post(
    '/api/clients/:clientId/corrections',
    { config: { action: 'correction.request' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return reply
        .code(201)
        .send(await requestCorrection(store, auditContext(req), clientId, req.body));
    },
  );
  app.post(
    '/api/corrections/:correctionId/resolution',
    { config: { action: 'correction.resolve' } },
    async (req) => {
      const { correctionId } = parse(correctionIdParams, req.params, 'params');
      return resolveCorrection(store, auditContext(req), correctionId, req.body);
    },
  );
}
