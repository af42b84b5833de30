import Database from 'better-sqlite3';
import { bareServer, type BareCheckIn } from './server.ts';

/**
 * The floor for a durable write on SQLite: one INSERT of one check-in-shaped row per POST, with
 * the product's pragmas (WAL, synchronous=FULL, so every answer follows an fsync) into a table
 * with the same columns and indexes as `check_ins`. No session, validation, policy or audit.
 */
const db = new Database(process.env.BENCH_DB!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
db.exec(`create table if not exists bare_check_ins (
  id text primary key, client_id text not null, measure_id text not null,
  value double precision not null, at text not null, local_date text not null,
  received_at text not null, note text, entered_by text not null, body_hash text not null)`);
db.exec('create index if not exists bare_measure_at on bare_check_ins (measure_id, at)');
db.exec('create index if not exists bare_client_at on bare_check_ins (client_id, at)');
const insert = db.prepare('insert into bare_check_ins values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');

const { app, listen } = bareServer();
app.post<{ Body: BareCheckIn }>('/check-ins', async (req, reply) => {
  const b = req.body;
  const now = new Date().toISOString();
  const at = b.at ?? now;
  insert.run(
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
  );
  return reply.code(201).send({ id: b.id });
});
await listen();
