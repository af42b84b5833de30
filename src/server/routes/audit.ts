import type { FastifyInstance } from 'fastify';
import { auditQuery, type AuditEventDto } from '../../contract/clients.ts';
import { listAudit } from '../../store/audit.ts';
import type { Store } from '../../store/db.ts';
import { auditContext } from '../context.ts';
import { parse } from '../../validate.ts';

export function auditRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    '/api/audit',
    { config: { action: 'audit.read' } },
    async (req): Promise<{ events: AuditEventDto[]; next: number | null }> => {
      const q = parse(auditQuery, req.query, 'query');
      const { actor } = auditContext(req);
      const rows = await listAudit(store.db, {
        clinicId: actor.clinicId,
        ...(q.clientId ? { clientId: q.clientId } : {}),
        ...(q.after !== undefined ? { afterSeq: q.after } : {}),
        limit: q.limit,
      });
      const last = rows.at(-1);
      return {
        events: rows.map(({ seq: _seq, ...e }) => e),
        next: rows.length === q.limit && last ? last.seq : null,
      };
    },
  );
}
