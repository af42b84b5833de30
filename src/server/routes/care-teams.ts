import type { FastifyInstance } from 'fastify';
import { careTeamParams, locationIdParams } from '../../contract/care-teams.ts';
import { clientIdParams } from '../../contract/common.ts';
import {
  getAssignments,
  putCareTeamMember,
  putClientLocation,
  removeCareTeamMemberOf,
} from '../../services/care-teams.ts';
import { createLocation, getLocations, patchLocation } from '../../services/locations.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

/** Administration of locations, where each client is seen, and who is on their care team. */
export function careTeamRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/locations', { config: { action: 'location.read' } }, async (req) =>
    getLocations(store, auditContext(req), req.query),
  );
  app.post('/api/locations', { config: { action: 'location.manage' } }, async (req, reply) =>
    reply.code(201).send(await createLocation(store, auditContext(req), req.body)),
  );
  app.patch(
    '/api/locations/:locationId',
    { config: { action: 'location.manage' } },
    async (req) => {
      const { locationId } = parse(locationIdParams, req.params, 'params');
      return patchLocation(store, auditContext(req), locationId, req.body);
    },
  );

  app.get('/api/care-teams', { config: { action: 'careteam.read' } }, async (req) =>
    getAssignments(store, auditContext(req)),
  );
  app.put(
    '/api/clients/:clientId/location',
    { config: { action: 'careteam.manage' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return putClientLocation(store, auditContext(req), clientId, req.body);
    },
  );
  app.put(
    '/api/clients/:clientId/care-team/:userId',
    { config: { action: 'careteam.manage' } },
    async (req) => {
      const { clientId, userId } = parse(careTeamParams, req.params, 'params');
      return putCareTeamMember(store, auditContext(req), clientId, userId, req.body);
    },
  );
  app.delete(
    '/api/clients/:clientId/care-team/:userId',
    { config: { action: 'careteam.manage' } },
    async (req) => {
      const { clientId, userId } = parse(careTeamParams, req.params, 'params');
      return removeCareTeamMemberOf(store, auditContext(req), clientId, userId);
    },
  );
}
