import type { FastifyInstance } from 'fastify';
import { goalIdParams } from '../../contract/goals.ts';
import { planIdParams } from '../../contract/if-then.ts';
import {
  createPlan,
  listPlanUses,
  patchPlan,
  recordPlanUse,
} from '../../services/if-then-plans.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext, ifMatchOf } from '../context.ts';

/** Obstacles and their if–then plans on a goal, and whether each plan worked when it was needed. */
export function ifThenPlanRoutes(app: FastifyInstance, store: Store): void {
  app.post('/api/goals/:goalId/plans', { config: { action: 'plan.write' } }, async (req, reply) => {
    const { goalId } = parse(goalIdParams, req.params, 'params');
    return reply.code(201).send(await createPlan(store, auditContext(req), goalId, req.body));
  });
  app.patch('/api/plans/:planId', { config: { action: 'plan.write' } }, async (req, reply) => {
    const { planId } = parse(planIdParams, req.params, 'params');
    const plan = await patchPlan(store, auditContext(req), planId, ifMatchOf(req), req.body);
    return reply.header('etag', `"${plan.version}"`).send(plan);
  });
  app.get('/api/plans/:planId/uses', { config: { action: 'plan.read' } }, async (req) => {
    const { planId } = parse(planIdParams, req.params, 'params');
    return { uses: await listPlanUses(store, auditContext(req), planId) };
  });
  app.post('/api/plans/:planId/uses', { config: { action: 'plan.use' } }, async (req, reply) => {
    const { planId } = parse(planIdParams, req.params, 'params');
    return reply.code(201).send(await recordPlanUse(store, auditContext(req), planId, req.body));
  });
}
