import type { FastifyInstance } from 'fastify';
import { clientIdParams } from '../../contract/common.ts';
import { getRelapsePlan, putRelapsePlan, relapsePlanPdf } from '../../services/relapse-plan.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext, ifMatchOf } from '../context.ts';
import { sendFile } from './exports.ts';

/** The client's relapse-prevention plan: kept, edited together, downloaded as a PDF. */
export function relapsePlanRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    '/api/clients/:clientId/relapse-plan',
    { config: { action: 'relapse-plan.read' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      const plan = await getRelapsePlan(store, auditContext(req), clientId);
      return reply.header('etag', `"${plan.version}"`).send(plan);
    },
  );
  app.put(
    '/api/clients/:clientId/relapse-plan',
    { config: { action: 'relapse-plan.write' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      const plan = await putRelapsePlan(
        store,
        auditContext(req),
        clientId,
        ifMatchOf(req),
        req.body,
      );
      return reply.header('etag', `"${plan.version}"`).send(plan);
    },
  );
  app.get(
    '/api/clients/:clientId/relapse-plan.pdf',
    { config: { action: 'relapse-plan.read' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return sendFile(reply, await relapsePlanPdf(store, auditContext(req), clientId));
    },
  );
}
