import type { FastifyInstance } from 'fastify';
import { clientIdParams } from '../../contract/common.ts';
import type { ClientList, ClientSummary } from '../../contract/clients.ts';
import { notFound } from '../../errors.ts';
import { caseloadRows } from '../../services/dashboard.ts';
import { recordAudit } from '../../store/audit.ts';
import { countWithheldRecords, findClient, listClients } from '../../store/clients.ts';
import type { Store } from '../../store/db.ts';
import { auditContext } from '../context.ts';
import { parse } from '../../validate.ts';

export function clientRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    '/api/clients',
    { config: { action: 'client.list' } },
    async (req): Promise<ClientList> => {
      const ctx = auditContext(req);
      // Read and compute outside any transaction (on SQLite a write transaction would hold the
      // one connection for all of it); then one short transaction records who saw which
      // client. The answer is sent only after that commits.
      const clients = await caseloadRows(
        store.db,
        ctx.actor,
        await listClients(store.db, ctx.actor),
        ctx.now,
      );
      await store.db.transaction().execute((trx) =>
        recordAudit(
          trx,
          store.dialect,
          ctx,
          clients.map((c) => ({
            action: 'client.list',
            clientId: c.id,
            resource: `client/${c.id}`,
          })),
        ),
      );
      const withheldRecords =
        ctx.actor.role === 'client' ? 0 : await countWithheldRecords(store.db, ctx.actor);
      return withheldRecords > 0 ? { clients, withheldRecords } : { clients };
    },
  );

  app.get(
    '/api/clients/:clientId',
    { config: { action: 'client.read' } },
    async (req): Promise<ClientSummary> => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      const ctx = auditContext(req);
      return store.db.transaction().execute(async (trx) => {
        const client = await findClient(trx, ctx.actor, clientId);
        if (!client) throw notFound('client');
        await recordAudit(trx, store.dialect, ctx, [
          { action: 'client.read', clientId, resource: `client/${clientId}` },
        ]);
        return client;
      });
    },
  );
}
