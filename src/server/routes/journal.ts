import type { FastifyInstance } from 'fastify';
import { clientIdParams } from '../../contract/common.ts';
import { journalEntryParams } from '../../contract/journal.ts';
import { journalPrompts } from '../../services/journal-prompts.ts';
import {
  createJournalEntry,
  listJournalEntries,
  patchJournalEntry,
} from '../../services/journal.ts';
import type { Store } from '../../store/db.ts';
import { parse } from '../../validate.ts';
import { auditContext } from '../context.ts';

/** The client's journal: private entries for themself, shared ones for their care team too. */
export function journalRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/clients/:clientId/journal', { config: { action: 'journal.read' } }, async (req) => {
    const { clientId } = parse(clientIdParams, req.params, 'params');
    return listJournalEntries(store, auditContext(req), clientId, req.query);
  });
  app.post(
    '/api/clients/:clientId/journal',
    { config: { action: 'journal.write' } },
    async (req, reply) => {
      const { clientId } = parse(clientIdParams, req.params, 'params');
      const entry = await createJournalEntry(store, auditContext(req), clientId, req.body);
      return reply.code(201).header('location', `/api/journal/${entry.id}`).send(entry);
    },
  );
  app.patch('/api/journal/:entryId', { config: { action: 'journal.write' } }, async (req) => {
    const { entryId } = parse(journalEntryParams, req.params, 'params');
    return patchJournalEntry(store, auditContext(req), entryId, req.body);
  });
  // Fixed text, no record touched: nothing to audit.
  app.get('/api/journal/prompts', { config: { action: 'journal.prompts' } }, async () => ({
    prompts: journalPrompts,
  }));
}
