import type { FastifyInstance } from 'fastify';
import { getClinicSettings, patchClinicSettings } from '../../services/clinic-settings.ts';
import type { Store } from '../../store/db.ts';
import { auditContext } from '../context.ts';

/** The clinic's settings: crisis resources, silence and escalation rules. */
export function clinicRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/clinic/settings', { config: { action: 'clinic.settings.read' } }, async (req) =>
    getClinicSettings(store, auditContext(req)),
  );
  app.patch('/api/clinic/settings', { config: { action: 'clinic.settings.update' } }, async (req) =>
    patchClinicSettings(store, auditContext(req), req.body),
  );
}
