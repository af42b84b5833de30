import type { FastifyInstance } from 'fastify';
import { alertIdParams } from '../../contract/alerts.ts';
import { acknowledge, listVisibleAlerts } from '../../services/alerts.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

/** Alerts for the care team (therapists) and the clinic (admins); never for clients. */
export function alertRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/alerts', { config: { action: 'alert.read' } }, async (req) => ({
    alerts: await listVisibleAlerts(store, auditContext(req), req.query),
  }));
  app.post(
    '/api/alerts/:alertId/acknowledge',
    { config: { action: 'alert.acknowledge' } },
    async (req) => {
      const { alertId } = parse(alertIdParams, req.params, 'params');
      return acknowledge(store, auditContext(req), alertId, req.body);
    },
  );
}
