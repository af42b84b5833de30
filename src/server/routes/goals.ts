import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { clientIdParams } from '../../contract/common.ts';
import { goalIdParams, smartCheckBody } from '../../contract/goals.ts';
import { localDate } from '../../domain/calendar.ts';
import { checkSmart } from '../../domain/smart.ts';
import {
  createGoal,
  getGoal,
  goalRevisions,
  listClientGoals,
  patchGoal,
} from '../../services/goals.ts';
import { notFound } from '../../errors.ts';
import { goalJourney, reviewGoal } from '../../services/goal-reviews.ts';
import { defaultTimeZone } from '../../store/accounts.ts';
import type { Store } from '../../store/db.ts';
import { visibleClientTimeZone } from '../../store/scope.ts';
import { parse } from '../../validate.ts';
import { auditContext, ifMatchOf } from '../context.ts';

export function goalRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/clients/:clientId/goals', { config: { action: 'goal.read' } }, async (req) => {
    const { clientId } = parse(clientIdParams, req.params, 'params');
    return { goals: await listClientGoals(store, auditContext(req), clientId) };
  });

  app.post(
    '/api/clients/:clientId/goals',
    { config: { action: 'goal.create' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      const goal = await createGoal(store, auditContext(req), clientId, req.body);
      return reply
        .code(201)
        .header('etag', `"${goal.version}"`)
        .header('location', `/api/goals/${goal.id}`)
        .send(goal);
    },
  );

  app.get('/api/goals/:goalId', { config: { action: 'goal.read' } }, async (req, reply) => {
    const { goalId } = parse(goalIdParams, req.params, 'params');
    const goal = await getGoal(store, auditContext(req), goalId);
    return reply.header('etag', `"${goal.version}"`).send(goal);
  });

  app.patch('/api/goals/:goalId', { config: { action: 'goal.update' } }, async (req, reply) => {
    const { goalId } = parse(goalIdParams, req.params, 'params');
    const goal = await patchGoal(store, auditContext(req), goalId, ifMatchOf(req), req.body);
    return reply.header('etag', `"${goal.version}"`).send(goal);
  });

  app.get('/api/goals/:goalId/revisions', { config: { action: 'goal.read' } }, async (req) => {
    const { goalId } = parse(goalIdParams, req.params, 'params');
    const { include } = parse(
      z.object({ include: z.enum(['all']).optional() }),
      req.query,
      'query',
    );
    return { revisions: await goalRevisions(store, auditContext(req), goalId, include === 'all') };
  });

  app.post(
    '/api/goals/:goalId/reviews',
    { config: { action: 'goal.review' } },
    async (req, reply) => {
      const { goalId } = parse(goalIdParams, req.params, 'params');
      const goal = await reviewGoal(store, auditContext(req), goalId, ifMatchOf(req), req.body);
      return reply.code(201).header('etag', `"${goal.version}"`).send(goal);
    },
  );

  app.get('/api/goals/:goalId/journey', { config: { action: 'goal.read' } }, async (req) => {
    const { goalId } = parse(goalIdParams, req.params, 'params');
    return goalJourney(store, auditContext(req), goalId);
  });

  // The SMART check while typing: pure, no record touched, so nothing to audit.
  app.post('/api/smart-check', { config: { action: 'smart.check' } }, async (req) => {
    const { clientId, ...body } = parse(smartCheckBody, req.body, 'body');
    const actor = auditContext(req).actor;
    const whose = clientId ?? actor.clientId;
    // "Today" is the client's day; without a client in view, the clinic's usual zone.
    const tz = (whose && (await visibleClientTimeZone(store.db, actor, whose))) || defaultTimeZone;
    if (clientId && !(await visibleClientTimeZone(store.db, actor, clientId)))
      throw notFound('client');
    return checkSmart({ ...body, today: localDate(req.now, tz) });
  });
}
