import type { FastifyInstance } from 'fastify';
import { clientIdParams } from '../../contract/common.ts';
import { goalIdParams } from '../../contract/goals.ts';
import { clientGas, rateAttainment } from '../../services/gas.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

/** Goal Attainment Scaling: ratings per goal, and the client's T-score. */
export function attainmentRoutes(app: FastifyInstance, store: Store): void {
  app.post(
    '/api/goals/:goalId/attainment',
    { config: { action: 'gas.rate' } },
    async (req, reply) => {
      const { goalId } = parse(goalIdParams, req.params, 'params');
      return reply.code(201).send(await rateAttainment(store, auditContext(req), goalId, req.body));
    },
  );
  app.get('/api/clients/:clientId/gas', { config: { action: 'gas.read' } }, async (req) => {
    const { clientId } = parse(clientIdParams, req.params, 'params');
    return clientGas(store, auditContext(req), clientId);
  });
}
