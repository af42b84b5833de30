import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/db.ts';
import { sendProblem } from '../problem.ts';

export function healthRoutes(app: FastifyInstance, store: Store): void {
  app.get('/healthz', async (req, reply) => {
    try {
      await sql`select 1`.execute(store.db);
      return { status: 'ok', database: store.dialect };
    } catch (err) {
      req.log.error({ err }, 'health check: database did not answer');
      return sendProblem(reply, 503, 'database-unavailable', 'The database is not answering.');
    }
  });
}
