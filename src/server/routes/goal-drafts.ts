import type { FastifyInstance } from 'fastify';
import { clientIdParams } from '../../contract/common.ts';
import { draftIdParams } from '../../contract/goal-drafts.ts';
import {
  createDraft,
  finishDraft,
  getDraft,
  listDrafts,
  patchDraft,
} from '../../services/goal-drafts.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext, ifMatchOf } from '../context.ts';

/** The guided goal-setting conversation: a draft saved at every step, finished into goals. */
export function goalDraftRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    '/api/clients/:clientId/goal-drafts',
    { config: { action: 'draft.read' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return { drafts: await listDrafts(store, auditContext(req), clientId) };
    },
  );
  app.post(
    '/api/clients/:clientId/goal-drafts',
    { config: { action: 'draft.write' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      const draft = await createDraft(store, auditContext(req), clientId, req.body);
      return reply.code(201).header('etag', `"${draft.version}"`).send(draft);
    },
  );
  app.get('/api/goal-drafts/:draftId', { config: { action: 'draft.read' } }, async (req, reply) => {
    const { draftId } = parse(draftIdParams, req.params, 'params');
    const draft = await getDraft(store, auditContext(req), draftId);
    return reply.header('etag', `"${draft.version}"`).send(draft);
  });
  app.patch(
    '/api/goal-drafts/:draftId',
    { config: { action: 'draft.write' } },
    async (req, reply) => {
      const { draftId } = parse(draftIdParams, req.params, 'params');
      const draft = await patchDraft(store, auditContext(req), draftId, ifMatchOf(req), req.body);
      return reply.header('etag', `"${draft.version}"`).send(draft);
    },
  );
  app.post(
    '/api/goal-drafts/:draftId/finish',
    { config: { action: 'draft.write' } },
    async (req, reply) => {
      const { draftId } = parse(draftIdParams, req.params, 'params');
      const draft = await finishDraft(store, auditContext(req), draftId, ifMatchOf(req));
      return reply.code(201).header('etag', `"${draft.version}"`).send(draft);
    },
  );
}
