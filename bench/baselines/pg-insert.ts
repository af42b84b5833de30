import pg from 'pg';
import { bareServer, type BareCheckIn } from './server.ts';

/**
 * The floor for a durable write on PostgreSQL: one INSERT of one check-in-shaped row per POST
 * through a `pg` pool of the app's default size (10), synchronous_commit as the server has it
 * (on), into a table with the same columns and indexes as `check_ins`.
 */
const pool = new pg.Pool({ connectionString: process.env.BENCH_DB, max: 10 });
await pool.query(`create table if not exists bare_check_ins (
  id text primary key, client_id text not null, measure_id text not null,
  value double precision not null, at text not null, local_date text not null,
  received_at text not null, note text, entered_by text not null, body_hash text not null)`);
await pool.query('create index if not exists bare_measure_at on bare_check_ins (measure_id, at)');
await pool.query('create index if not exists bare_client_at on bare_check_ins (client_id, at)');

const { app, listen } = bareServer();
app.post<{ Body: BareCheckIn }>('/check-ins', async (req, reply) => {
  const b = req.body;
  const now = new Date().toISOString();
  const at = b.at ?? now;
  await pool.query({
    name: 'bare-insert',
    text: 'insert into bare_check_ins values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
    values: [
      b.id,
      'client',
      b.measureId,
      b.value,
      at,
      at.slice(0, 10),
      now,
      b.note ?? null,
      'user',
      '',
    ],
  });
  return reply.code(201).send({ id: b.id });
});
await listen();
