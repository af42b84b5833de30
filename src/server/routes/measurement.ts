import type { FastifyInstance } from 'fastify';
import { clientIdParams } from '../../contract/common.ts';
import { goalIdParams } from '../../contract/goals.ts';
import { postCheckInBatch } from '../../services/check-in-batch.ts';
import { listClientCheckIns, postCheckIn } from '../../services/check-ins.ts';
import { measureIdParams } from '../../contract/measurement.ts';
import { createMeasure, listMeasures, updateMeasureReliability } from '../../services/measures.ts';
import { getGoalProgress } from '../../services/progress.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

/** Measures, check-ins (one, or an offline batch) and a goal's progress. */
export function measurementRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    '/api/clients/:clientId/measures',
    { config: { action: 'measure.read' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return { measures: await listMeasures(store, auditContext(req), clientId) };
    },
  );
  app.post(
    '/api/clients/:clientId/measures',
    { config: { action: 'measure.create' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return reply
        .code(201)
        .send(await createMeasure(store, auditContext(req), clientId, req.body));
    },
  );
  app.patch('/api/measures/:measureId', { config: { action: 'measure.update' } }, async (req) => {
    const { measureId } = parse(measureIdParams, req.params, 'params');
    return updateMeasureReliability(store, auditContext(req), measureId, req.body);
  });

  app.get(
    '/api/clients/:clientId/check-ins',
    { config: { action: 'checkin.read' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return listClientCheckIns(store, auditContext(req), clientId, req.query);
    },
  );
  app.post(
    '/api/clients/:clientId/check-ins',
    { config: { action: 'checkin.create' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      const checkIn = await postCheckIn(store, auditContext(req), clientId, req.body);
      return reply.code(201).send(checkIn);
    },
  );
  app.post(
    '/api/clients/:clientId/check-ins/batch',
    { config: { action: 'checkin.create' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return { results: await postCheckInBatch(store, auditContext(req), clientId, req.body) };
    },
  );

  app.get('/api/goals/:goalId/progress', { config: { action: 'progress.read' } }, async (req) => {
    const { goalId } = parse(goalIdParams, req.params, 'params');
    return getGoalProgress(store, auditContext(req), goalId);
  });
}
