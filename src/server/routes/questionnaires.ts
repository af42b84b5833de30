import type { FastifyInstance } from 'fastify';
import { clientIdParams } from '../../contract/common.ts';
import { scheduleParams } from '../../contract/questionnaires.ts';
import { instruments } from '../../domain/instruments/index.ts';
import { clientOutcomes } from '../../services/outcomes.ts';
import { dueQuestionnaires, putSchedule } from '../../services/questionnaire-schedules.ts';
import { listQuestionnaires, submitQuestionnaire } from '../../services/questionnaires.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

/** PHQ-9 and GAD-7: wording, responses, schedules, what is due, and outcomes. */
export function questionnaireRoutes(app: FastifyInstance, store: Store): void {
  // The instruments themselves (public-domain wording, answers, LOINC codes): no client record.
  app.get('/api/instruments', { config: { action: 'instrument.read' } }, async () => ({
    instruments: Object.values(instruments),
  }));

  app.get(
    '/api/clients/:clientId/questionnaires',
    { config: { action: 'questionnaire.read' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return {
        questionnaires: await listQuestionnaires(store, auditContext(req), clientId, req.query),
      };
    },
  );
  app.post(
    '/api/clients/:clientId/questionnaires',
    { config: { action: 'questionnaire.submit' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      const answer = await submitQuestionnaire(store, auditContext(req), clientId, req.body);
      return reply
        .code(201)
        .header('location', `/api/clients/${clientId}/questionnaires`)
        .send(answer);
    },
  );
  app.get(
    '/api/clients/:clientId/questionnaires/due',
    { config: { action: 'questionnaire.read' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return dueQuestionnaires(store, auditContext(req), clientId);
    },
  );
  app.put(
    '/api/clients/:clientId/questionnaire-schedules/:instrument',
    { config: { action: 'questionnaire.schedule' } },
    async (req) => {
      const { clientId, instrument } = parse(scheduleParams, req.params, 'params');
      return putSchedule(store, auditContext(req), clientId, instrument, req.body);
    },
  );

  app.get(
    '/api/clients/:clientId/outcomes',
    { config: { action: 'outcome.read' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return clientOutcomes(store, auditContext(req), clientId);
    },
  );
}
