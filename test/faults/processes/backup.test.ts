import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  acknowledged,
  refused,
  runWriters,
  seedScene,
  type Scene,
  type Sent,
} from '../support/check-ins.ts';
import { privateDatabase, sqliteIntegrity, type PrivateDatabase } from '../support/databases.ts';
import { signIn } from '../support/http.ts';
import { runCli, sleep, startServer, type ServerProcess } from '../support/processes.ts';

/** Check-ins from the past year, written straight into the file; their ids. */
function prefill(file: string, scene: Scene, count: number): Set<string> {
  const sqlite = new SQLite(file);
  sqlite.pragma('busy_timeout = 5000');
  const ids = new Set<string>();
  const insert = sqlite.prepare(
    `insert into check_ins (id, client_id, measure_id, value, at, local_date, received_at, note, entered_by, body_hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.now() - 365 * 86_400_000;
  // Journal-length notes: about 30 MB in all, so the copy spans thousands of pages.
  const note = 'A long note about the day. '.repeat(78);
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const at = new Date(start + i * 500_000).toISOString();
      insert.run(
        id,
        scene.clinic.client.clientId,
        scene.measureId,
        i % 10,
        at,
        at.slice(0, 10),
        at,
        note,
        scene.clinic.client.id,
        'x'.repeat(64),
      );
      ids.add(id);
    }
  })();
  sqlite.close();
  return ids;
}

/**
 * `stepwise backup FILE` is the operator's online copy of a SQLite clinic: it runs beside a
 * busy server, and what it writes must start as a server of its own with every write that was
 * acknowledged before the backup began. (On PostgreSQL the command points to pg_dump.)
 */
describe('backup under load [sqlite]', () => {
  let db: PrivateDatabase | undefined;
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.drop();
  });

  it(
    'copies every acknowledged check-in while writers keep writing, into a file that serves',
    { timeout: 120_000 },
    async () => {
      db = await privateDatabase('sqlite');
      const live = await startServer({ databaseUrl: db.url });
      servers.push(live);
      const scene = await seedScene(db, live.url);
      const clientId = scene.clinic.client.clientId;
      const client = await signIn(live.url, scene.clinic.client);
      // A clinic with some history: a copy of many pages takes many steps, which is where an
      // online backup meets concurrent writes.
      const history = prefill(db.file!, scene, 25_000);

      // The same copy with nobody writing: the yardstick for "finishes under load" below.
      const idleStart = Date.now();
      const idle = await runCli(['backup', join(db.dir, 'idle.db')], { DATABASE_URL: db.url });
      const idleMs = Date.now() - idleStart;
      expect(idle.code, idle.stderr).toBe(0);

      const ledger: Sent[] = [];
      let stop = false;
      const writing = runWriters({
        session: client,
        clientId,
        measureId: scene.measureId,
        concurrency: 16,
        stop: () => stop,
        ledger,
      });
      while (acknowledged(ledger).length < 300) await sleep(10);

      // The line: everything acknowledged before the backup process exists must be in the copy.
      const before = new Set(acknowledged(ledger).map((s) => s.id));
      const target = join(db.dir, 'backup.db');
      const started = Date.now();
      // Bounded: an online copy that restarts whenever the server writes never ends under load.
      const limitMs = Math.max(3 * idleMs, idleMs + 10_000);
      const backup = await runCli(['backup', target], { DATABASE_URL: db.url }, limitMs);
      const took = Date.now() - started;
      const ackedDuring = acknowledged(ledger).length - before.size;
      stop = true;
      await writing;

      expect(
        backup,
        `the backup must finish under load within ${limitMs} ms (idle: ${idleMs} ms; took ${took} ms)\n${backup.stdout}\n${backup.stderr}`,
      ).toMatchObject({ code: 0, signal: null });
      // The writers never noticed: no refusal, no error while the backup ran.
      expect(refused(ledger).map((s) => `${s.status} ${JSON.stringify(s.answer)}`)).toEqual([]);
      expect(ledger.filter((s) => s.failure).map((s) => s.failure)).toEqual([]);
      expect(ackedDuring, 'the writers kept writing during the backup').toBeGreaterThan(0);
      expect(sqliteIntegrity(target)).toBe('ok');

      const copy = new SQLite(target, { readonly: true });
      const inCopy = new Set(
        (
          copy.prepare('select id from check_ins where client_id = ?').all(clientId) as {
            id: string;
          }[]
        ).map((r) => r.id),
      );
      copy.close();
      const missing = [...before].filter((id) => !inCopy.has(id));
      expect(missing, `${missing.length} of ${before.size} acknowledged check-ins`).toEqual([]);
      const sent = new Set(ledger.map((s) => s.id));
      expect([...inCopy].filter((id) => !sent.has(id) && !history.has(id))).toEqual([]);

      // Restore: a fresh server on the copy alone answers with the same check-ins.
      const restored = await startServer({ databaseUrl: target });
      servers.push(restored);
      const again = await signIn(restored.url, scene.clinic.client);
      const list = await again.get(`/api/clients/${clientId}/check-ins`);
      expect(list.status, list.text).toBe(200);
      const served = new Set(
        (list.json as { checkIns: { id: string }[] }).checkIns.map((c) => c.id),
      );
      expect(served).toEqual(inCopy);
      // And it takes new writes.
      const more = await again.post(`/api/clients/${clientId}/check-ins`, {
        id: crypto.randomUUID(),
        measureId: scene.measureId,
        value: 1,
      });
      expect(more.status, more.text).toBe(201);
      const verify = await runCli(['audit', 'verify'], { DATABASE_URL: target });
      expect(verify.code, verify.stderr).toBe(0);
      console.info(
        `[backup] ${before.size} acknowledged before, ${ackedDuring} during the ${took} ms backup ` +
          `(idle: ${idleMs} ms); ` +
          `copy holds ${inCopy.size} (${(statSync(target).size / 1e6).toFixed(1)} MB)`,
      );
    },
  );
});
