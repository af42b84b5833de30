import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  acknowledged,
  postCheckIn,
  refused,
  runWriters,
  seedScene,
  unanswered,
  type Scene,
  type Sent,
} from '../support/check-ins.ts';
import { faults } from '../support/config.ts';
import {
  faultEngines,
  privateDatabase,
  sqliteIntegrity,
  type PrivateDatabase,
} from '../support/databases.ts';
import { signIn, type HttpSession } from '../support/http.ts';
import { runCli, sleep, startServer, type ServerProcess } from '../support/processes.ts';

interface StoredCheckIn {
  id: string;
  value: number;
  at: string;
  received_at: string;
}

async function storedCheckIns(db: PrivateDatabase, clientId: string): Promise<StoredCheckIn[]> {
  const store = db.open();
  try {
    return await store.db
      .selectFrom('check_ins')
      .select(['id', 'value', 'at', 'received_at'])
      .where('client_id', '=', clientId)
      .execute();
  } finally {
    await store.close();
  }
}

/** Send each of `sent` again, 16 at a time; the answers in the same order. */
async function replay(s: HttpSession, clientId: string, sent: readonly Sent[]) {
  const answers: { status: number; json: unknown }[] = new Array(sent.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let i = next++; i < sent.length; i = next++) {
        const res = await postCheckIn(s, clientId, sent[i]!.body);
        answers[i] = { status: res.status, json: res.json };
      }
    }),
  );
  return answers;
}

function pidIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

for (const engine of faultEngines()) {
  describe(`crash: SIGKILL under 16 concurrent writers [${engine}]`, () => {
    let db: PrivateDatabase | undefined;
    let server: ServerProcess | undefined;
    afterAll(async () => {
      await server?.stop();
      await db?.drop();
    });

    it(
      'loses no acknowledged check-in, stores each once, and takes every retry',
      async () => {
        db = await privateDatabase(engine);
        server = await startServer({ databaseUrl: db.url });
        const scene: Scene = await seedScene(db, server.url);
        const clientId = scene.clinic.client.clientId;
        const client = await signIn(server.url, scene.clinic.client);
        const everything: Sent[] = [];

        for (let round = 1; round <= faults.crashRounds; round++) {
          const ledger: Sent[] = [];
          let killed = false;
          const writing = runWriters({
            session: client.on(server.url),
            clientId,
            measureId: scene.measureId,
            concurrency: 16,
            stop: () => killed,
            ledger,
          });
          // Let some writes through, then pull the plug at a random moment.
          const ackedFirst = 20 + Math.floor(Math.random() * 200);
          const start = Date.now();
          while (acknowledged(ledger).length < ackedFirst && Date.now() - start < 20_000)
            await sleep(5);
          await sleep(Math.random() * 300);
          const inFlight = ledger.filter((s) => s.answeredAt === undefined).length;
          const exit = await server.kill();
          killed = true;
          const label = `round ${round}: killed after ${acknowledged(ledger).length} acks with ${inFlight} in flight`;
          expect(exit, label).toEqual({ code: null, signal: 'SIGKILL' });
          expect(pidIsGone(server.pid), label).toBe(true);
          await writing;
          everything.push(...ledger);

          // Before anything touches the database again, the file must be sound as the kill left it.
          if (db.file) expect(sqliteIntegrity(db.file), label).toBe('ok');
          expect(
            refused(ledger).map((s) => `${s.status} ${JSON.stringify(s.answer)}`),
            label,
          ).toEqual([]);
          expect(acknowledged(ledger).length, label).toBeGreaterThanOrEqual(ackedFirst);

          server = await startServer({ databaseUrl: db.url });
          const again = client.on(server.url);
          // Sessions live in the database: the same cookie works after the restart.
          expect((await again.get('/api/me')).status, label).toBe(200);

          const before = new Map((await storedCheckIns(db, clientId)).map((r) => [r.id, r]));
          for (const s of acknowledged(ledger)) {
            const row = before.get(s.id);
            const ack = s.answer as { value: number; at: string; receivedAt: string };
            expect(row, `${label}: acknowledged ${s.id} is missing`).toBeDefined();
            expect(
              { value: row!.value, at: row!.at, receivedAt: row!.received_at },
              `${label}: ${s.id}`,
            ).toEqual({ value: ack.value, at: ack.at, receivedAt: ack.receivedAt });
          }
          // Nothing stored that was never sent.
          const sentIds = new Set(everything.map((s) => s.id));
          expect(
            [...before.keys()].filter((id) => !sentIds.has(id)),
            label,
          ).toEqual([]);

          // The unanswered ones: each retry stores it once (or finds the row the kill left).
          const lost = unanswered(ledger);
          const committedUnanswered = lost.filter((s) => before.has(s.id));
          const retried = await replay(again, clientId, lost);
          lost.forEach((s, i) => {
            const a = retried[i]!;
            expect(a.status, `${label}: retry of ${s.id}: ${JSON.stringify(a.json)}`).toBe(201);
            const row = before.get(s.id);
            if (row) expect((a.json as { receivedAt: string }).receivedAt).toBe(row.received_at);
            s.status = a.status;
            s.answer = a.json;
          });

          // The acknowledged ones: a retry gets the very same answer and stores nothing new.
          const acked = acknowledged(ledger).filter((s) => !lost.includes(s));
          const repeated = await replay(again, clientId, acked);
          acked.forEach((s, i) => {
            expect(repeated[i], `${label}: replay of ${s.id}`).toEqual({
              status: s.status,
              json: s.answer,
            });
          });

          const after = await storedCheckIns(db, clientId);
          expect(after.length, label).toBe(sentIds.size);
          expect(new Set(after.map((r) => r.id)), label).toEqual(sentIds);
          console.info(
            `[crash ${engine}] ${label}; ${lost.length} unanswered ` +
              `(${committedUnanswered.length} of them committed before the kill), all retried once`,
          );
        }

        // Every id once, counted by the database itself.
        const store = db.open();
        try {
          const dupes = await sql<{
            id: string;
          }>`select id from check_ins group by id having count(*) > 1`.execute(store.db);
          expect(dupes.rows).toEqual([]);
        } finally {
          await store.close();
        }
        if (db.file) expect(sqliteIntegrity(db.file)).toBe('ok');
        // The audit hash chain survived the kills too.
        const verify = await runCli(['audit', 'verify'], { DATABASE_URL: db.url });
        expect(verify.code, verify.stderr).toBe(0);
      },
      60_000 + faults.crashRounds * 30_000,
    );
  });
}
