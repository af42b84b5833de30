import type { FastifyInstance, FastifyReply } from 'fastify';
import { clientIdParams } from '../../contract/common.ts';
import { clinicOutcomes } from '../../services/clinic-outcomes.ts';
import {
  exportCsv,
  exportFhir,
  exportRecord,
  getReportSummary,
  progressReport,
  putReportSummary,
  type ExportFile,
} from '../../services/record-export.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

/** Send an export as a download. Records are health data: no cache keeps a copy. */
export function sendFile(reply: FastifyReply, file: ExportFile): FastifyReply {
  const body =
    typeof file.body === 'string' || Buffer.isBuffer(file.body)
      ? file.body
      : JSON.stringify(file.body);
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

/** Exports of a client's record (FHIR, the client's own copy, CSV), the report and outcomes. */
export function exportRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    '/api/clients/:clientId/fhir',
    { config: { action: 'record.fhir' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      const bundle = await exportFhir(store, auditContext(req), clientId);
      return reply
        .header('content-type', 'application/fhir+json; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(JSON.stringify(bundle));
    },
  );

  app.get(
    '/api/clients/:clientId/export',
    { config: { action: 'record.export' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return sendFile(reply, await exportRecord(store, auditContext(req), clientId, req.query));
    },
  );

  for (const table of ['check-ins', 'questionnaires'] as const) {
    app.get(
      `/api/clients/:clientId/${table}.csv`,
      { config: { action: 'record.csv' } },
      async (req, reply) => {
        const { clientId } = parse(clientIdParams, req.params, 'params');
        return sendFile(reply, await exportCsv(store, auditContext(req), clientId, table));
      },
    );
  }

  app.get(
    '/api/clients/:clientId/report.pdf',
    { config: { action: 'report.read' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return sendFile(reply, await progressReport(store, auditContext(req), clientId, req.query));
    },
  );

  app.get(
    '/api/clients/:clientId/report-summary',
    { config: { action: 'report.summary' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return getReportSummary(store, auditContext(req), clientId);
    },
  );
  app.put(
    '/api/clients/:clientId/report-summary',
    { config: { action: 'report.summary' } },
    async (req) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      return putReportSummary(store, auditContext(req), clientId, req.body);
    },
  );

  app.get('/api/reports/outcomes', { config: { action: 'outcomes.summary' } }, async (req) =>
    clinicOutcomes(store, auditContext(req), req.query),
  );
}
