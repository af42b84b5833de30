import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { recordAudit, sealAudit } from '../../src/store/audit.ts';
import type { DialectName } from '../../src/store/dialect.ts';
import { engines } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { signedIn } from '../support/http.ts';
import { isolatedDatabase, type IsolatedDatabase } from '../support/isolated-database.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/stepwise.js');

/** `stepwise audit verify` on a database: its exit code and what it printed. */
async function verify(url: string): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, [bin, 'audit', 'verify'], {
      env: { ...process.env, DATABASE_URL: url },
      timeout: 60_000,
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** Lift the append-only triggers, as someone with direct access to the files would, then run `sql`. */
async function tamper(engine: DialectName, url: string, statements: string[]): Promise<void> {
  if (engine === 'sqlite') {
    const db = new SQLite(url);
    try {
      for (const t of ['audit_events', 'audit_seals'])
        db.exec(`drop trigger ${t}_no_update; drop trigger ${t}_no_delete;`);
      db.transaction(() => statements.forEach((s) => db.exec(s)))();
    } finally {
      db.close();
    }
    return;
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (const t of ['audit_events', 'audit_seals'])
      await c.query(`drop trigger ${t}_append_only on ${t}`);
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}

for (const engine of engines()) {
  describe(`stepwise audit verify on a copy of the database [${engine}]`, () => {
    let source: IsolatedDatabase;
    const copies: IsolatedDatabase[] = [];
    /** A sealed event in the middle of the chain, its link's position, and the next event. */
    let seq: number;
    let position: number;
    let nextSeq: number;
    /** The link of an access under a break-the-glass grant (flagged). */
    let flagged: { position: number; event_seq: number };

    beforeAll(async () => {
      source = await isolatedDatabase(engine);
      const store = source.open();
      const app = buildApp({ store });
      try {
        const clinic = await buildClinic(store);
        const staff = await signedIn(app, clinic.therapist);
        for (let i = 0; i < 5; i++) await staff.get(`/api/clients/${clinic.client.clientId}`);
        const clientId = clinic.client.clientId;
        await store.db.transaction().execute((trx) =>
          recordAudit(
            trx,
            store.dialect,
            {
              actorId: clinic.therapist.id,
              ip: null,
              now: new Date(),
              actor: { breakGlass: [clientId] },
            },
            [{ action: 'client.read', clientId, resource: `client/${clientId}` }],
          ),
        );
        await sealAudit(store);
        // One more access after the last sealing: written, not linked yet.
        await staff.get('/api/clients');
        const seals = await store.db
          .selectFrom('audit_seals')
          .select(['position', 'event_seq'])
          .orderBy('position')
          .execute();
        expect(seals.length).toBeGreaterThanOrEqual(5);
        const middle = seals[2]!;
        seq = middle.event_seq;
        position = middle.position;
        nextSeq = seals[3]!.event_seq;
        const flaggedEvent = await store.db
          .selectFrom('audit_events')
          .select('seq')
          .where('break_glass', '=', 1)
          .executeTakeFirstOrThrow();
        flagged = seals.find((l) => l.event_seq === flaggedEvent.seq)!;
        expect(flagged).toBeDefined();
      } finally {
        await app.close();
        await store.close();
      }
    }, 60_000);

    afterAll(async () => {
      for (const c of copies) await c.drop();
      await source?.drop();
    });

    async function tamperedCopy(statements: string[]): Promise<string> {
      const copy = await source.copy();
      copies.push(copy);
      await tamper(engine, copy.url, statements);
      return copy.url;
    }

    it('passes an intact copy and counts the events not sealed yet', async () => {
      const copy = await source.copy();
      copies.push(copy);
      const r = await verify(copy.url);
      expect(r.out).toMatch(
        /Audit log intact: \d+ sealed events verified\. [1-9]\d* newer events? (is|are) not sealed yet/,
      );
      expect(r.code).toBe(0);
    });

    it('finds an edited event', async () => {
      const url = await tamperedCopy([
        `update audit_events set action = 'client.list' where seq = ${seq}`,
      ]);
      const r = await verify(url);
      expect(r.code).toBe(1);
      expect(r.out).toContain(
        `Audit log broken at link ${position} (event seq ${seq}): its event was changed`,
      );
    });

    it('finds a break-the-glass flag set after sealing', async () => {
      const url = await tamperedCopy([
        `update audit_events set break_glass = 1 where seq = ${seq}`,
      ]);
      const r = await verify(url);
      expect(r.code).toBe(1);
      expect(r.out).toContain(
        `Audit log broken at link ${position} (event seq ${seq}): its event was changed`,
      );
    });

    it('finds a break-the-glass flag cleared after sealing', async () => {
      const url = await tamperedCopy([
        `update audit_events set break_glass = 0 where seq = ${flagged.event_seq}`,
      ]);
      const r = await verify(url);
      expect(r.code).toBe(1);
      expect(r.out).toContain(
        `Audit log broken at link ${flagged.position} (event seq ${flagged.event_seq}): its event was changed`,
      );
    });

    it('finds a deleted event', async () => {
      const url = await tamperedCopy([`delete from audit_events where seq = ${seq}`]);
      const r = await verify(url);
      expect(r.code).toBe(1);
      expect(r.out).toContain(
        `Audit log broken at link ${position} (event seq ${seq}): its event is missing`,
      );
    });

    it('finds a deleted event whose link was deleted with it', async () => {
      const url = await tamperedCopy([
        `delete from audit_events where seq = ${seq}`,
        `delete from audit_seals where event_seq = ${seq}`,
      ]);
      const r = await verify(url);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`Audit log broken at link ${position}: a link is missing`);
    });

    it('finds two events swapped in order', async () => {
      const url = await tamperedCopy([
        `update audit_events set seq = -1 where seq = ${seq}`,
        `update audit_events set seq = ${seq} where seq = ${nextSeq}`,
        `update audit_events set seq = ${nextSeq} where seq = -1`,
      ]);
      const r = await verify(url);
      expect(r.code).toBe(1);
      expect(r.out).toContain(
        `Audit log broken at link ${position} (event seq ${seq}): its event was changed`,
      );
    });

    it('finds an event slipped in among the sealed ones', async () => {
      const url = await tamperedCopy([
        `insert into audit_events (seq, id, at, actor_id, action, client_id, resource, ip)
         values (0, 'forged', '2026-01-01T00:00:00.000Z', null, 'client.read', null, 'client/x', null)`,
      ]);
      const r = await verify(url);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/\(event seq 0\): an event among the sealed ones was never sealed/);
    });
  });
}
