/**
 * `npm run bench:outbox`: e-mail delivery throughput with the outbox under load. Queues
 * BENCH_MESSAGES (default 2,000) e-mails, then two outbox workers (each with its own database
 * connections and SMTP pool, as two server processes would have) drain them into a real SMTP
 * server on 127.0.0.1. The bare baseline sends the same number of the same e-mails straight
 * through one nodemailer pool, with no database. SQLite always; PostgreSQL too with BENCH_PG_URL
 * (an admin URL, e.g. postgres://postgres@127.0.0.1:5432/postgres; a database of its own is made
 * and dropped).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { deliverDue } from '../src/jobs/outbox-delivery.ts';
import { smtpMailer } from '../src/mail/mailer.ts';
import { renderEmail } from '../src/mail/templates.ts';
import { ensureClinic, insertUser } from '../src/store/accounts.ts';
import { migrate, openStore, type Store } from '../src/store/db.ts';
import { enqueueEmail } from '../src/store/outbox.ts';
import { createBenchDatabase } from './lib/postgres.ts';

const total = Number(process.env.BENCH_MESSAGES ?? 2000);
const baseUrl = 'https://stepwise.clinic.example';

async function smtpServer() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function seed(store: Store): Promise<void> {
  const now = new Date();
  await store.db.transaction().execute(async (trx) => {
    const clinicId = await ensureClinic(trx, now, 'Bench clinic');
    const userId = await insertUser(
      trx,
      {
        clinicId,
        role: 'client',
        email: 'client@bench.example',
        name: 'Bench Client',
        passwordHash: 'x',
        locationId: null,
      },
      now,
    );
    for (let i = 0; i < total; i++)
      await enqueueEmail(trx, { clinicId, userId }, { template: 'reminder' }, now);
  });
}

async function outboxRun(url: string, smtpUrl: string): Promise<number> {
  const stores = [openStore(url, { poolSize: 4 }), openStore(url, { poolSize: 4 })];
  const mailers = stores.map(() => smtpMailer(smtpUrl, 'Stepwise <no-reply@bench.example>'));
  const started = performance.now();
  const outcomes = await Promise.all(
    stores.map((store, i) =>
      deliverDue({
        store,
        mailer: mailers[i]!,
        baseUrl,
        owner: `worker-${i}`,
        now: new Date(),
        budgetMs: 600_000,
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const sent = outcomes.reduce((n, o) => n + (o.sent ?? 0), 0);
  if (sent !== total) throw new Error(`sent ${sent} of ${total}`);
  for (const m of mailers) m.close();
  for (const s of stores) await s.close();
  return total / seconds;
}

async function bareRun(smtpUrl: string): Promise<number> {
  const mailer = smtpMailer(smtpUrl, 'Stepwise <no-reply@bench.example>');
  const email = renderEmail({ template: 'reminder' }, baseUrl);
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next++ < total) await mailer.send('client@bench.example', email);
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  const seconds = (performance.now() - started) / 1000;
  mailer.close();
  return total / seconds;
}

async function engine(name: string, url: string, drop: () => Promise<void>) {
  const smtp = await smtpServer();
  try {
    const store = openStore(url);
    await migrate(store);
    await seed(store);
    await store.close();
    const outbox = await outboxRun(url, smtp.url);
    const bare = await bareRun(smtp.url);
    if (smtp.received() !== 2 * total) throw new Error(`server got ${smtp.received()}`);
    console.log(
      `${name.padEnd(9)} outbox ${outbox.toFixed(0).padStart(5)} msg/s · bare nodemailer ${bare
        .toFixed(0)
        .padStart(5)} msg/s · ratio ${(bare / outbox).toFixed(2)}× (${total} messages, 2 workers)`,
    );
  } finally {
    await smtp.close();
    await drop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'stepwise-bench-outbox-'));
await engine('sqlite', join(dir, 'bench.db'), async () => rmSync(dir, { recursive: true }));
if (process.env.BENCH_PG_URL) {
  const db = await createBenchDatabase(process.env.BENCH_PG_URL, 'outbox');
  await engine('postgres', db.url, db.drop);
}
