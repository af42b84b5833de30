import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { goalIdParams } from '../../contract/goals.ts';
import {
  completionParams,
  practiceIdParams,
  stepIdParams,
  templateIdParams,
} from '../../contract/plan.ts';
import { addComment, listComments } from '../../services/comments.ts';
import { sendNudge } from '../../services/nudges.ts';
import {
  createPractice,
  getPractice,
  logCompletion,
  patchPractice,
} from '../../services/practices.ts';
import { createStep, patchStep } from '../../services/steps.ts';
import { createTemplate, listTemplates, patchTemplate } from '../../services/templates.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext, ifMatchOf } from '../context.ts';

/** Steps, practices, comments and templates: the parts a goal is broken into and talked about. */
export function planRoutes(app: FastifyInstance, store: Store): void {
  app.post(
    '/api/goals/:goalId/steps',
    { config: { action: 'step.create' } },
    async (req, reply) => {
      const { goalId } = parse(goalIdParams, req.params, 'params');
      return reply.code(201).send(await createStep(store, auditContext(req), goalId, req.body));
    },
  );
  app.patch('/api/steps/:stepId', { config: { action: 'step.update' } }, async (req) => {
    const { stepId } = parse(stepIdParams, req.params, 'params');
    return patchStep(store, auditContext(req), stepId, ifMatchOf(req), req.body);
  });

  app.post(
    '/api/goals/:goalId/practices',
    { config: { action: 'practice.create' } },
    async (req, reply) => {
      const { goalId } = parse(goalIdParams, req.params, 'params');
      return reply.code(201).send(await createPractice(store, auditContext(req), goalId, req.body));
    },
  );
  app.get('/api/practices/:practiceId', { config: { action: 'practice.read' } }, async (req) => {
    const { practiceId } = parse(practiceIdParams, req.params, 'params');
    return getPractice(store, auditContext(req), practiceId);
  });
  app.patch(
    '/api/practices/:practiceId',
    { config: { action: 'practice.update' } },
    async (req) => {
      const { practiceId } = parse(practiceIdParams, req.params, 'params');
      return patchPractice(store, auditContext(req), practiceId, ifMatchOf(req), req.body);
    },
  );
  app.put(
    '/api/practices/:practiceId/completions/:date',
    { config: { action: 'practice.log' } },
    async (req) => {
      const { practiceId, date } = parse(completionParams, req.params, 'params');
      return logCompletion(store, auditContext(req), practiceId, date, req.body);
    },
  );

  app.get('/api/goals/:goalId/comments', { config: { action: 'comment.read' } }, async (req) => {
    const { goalId } = parse(goalIdParams, req.params, 'params');
    return { comments: await listComments(store, auditContext(req), goalId) };
  });
  app.post(
    '/api/goals/:goalId/comments',
    { config: { action: 'comment.create' } },
    async (req, reply) => {
      const { goalId } = parse(goalIdParams, req.params, 'params');
      return reply.code(201).send(await addComment(store, auditContext(req), goalId, req.body));
    },
  );
  app.post(
    '/api/goals/:goalId/nudges',
    { config: { action: 'nudge.send' } },
    async (req, reply) => {
      const { goalId } = parse(goalIdParams, req.params, 'params');
      return reply.code(201).send(await sendNudge(store, auditContext(req), goalId, req.body));
    },
  );

  app.get('/api/templates', { config: { action: 'template.read' } }, async (req) => {
    const { archived } = parse(
      z.object({ archived: z.enum(['include']).optional() }),
      req.query,
      'query',
    );
    return { templates: await listTemplates(store, auditContext(req), archived === 'include') };
  });
  app.post('/api/templates', { config: { action: 'template.manage' } }, async (req, reply) => {
    return reply.code(201).send(await createTemplate(store, auditContext(req), req.body));
  });
  app.patch(
    '/api/templates/:templateId',
    { config: { action: 'template.manage' } },
    async (req) => {
      const { templateId } = parse(templateIdParams, req.params, 'params');
      return patchTemplate(store, auditContext(req), templateId, req.body);
    },
  );
}
