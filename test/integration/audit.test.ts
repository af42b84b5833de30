import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { sealAudit, verifyAuditChain } from '../../src/store/audit.ts';
import {
  appendToChain,
  chainBarrier,
  lockChain,
  serialType,
  type DialectName,
} from '../../src/store/dialect.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, signedIn } from '../support/http.ts';

describeEachEngine('audit log', (h) => {
  it('records reads of a client record, visible to an admin by client', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    expect((await therapist.get(`/api/clients/${clinic.client.clientId}`)).statusCode).toBe(200);
    expect((await therapist.get('/api/clients')).statusCode).toBe(200);

    const admin = await signedIn(h().app, clinic.admin);
    const res = await admin.get(`/api/audit?clientId=${clinic.client.clientId}`);
    expect(res.statusCode).toBe(200);
    const events = res.json<{
      events: { actorId: string; action: string; clientId: string; resource: string; at: string }[];
    }>().events;
    const mine = events.filter((e) => e.actorId === clinic.therapist.id);
    expect(mine.map((e) => e.action)).toEqual(['client.read', 'client.list']);
    for (const e of mine) {
      expect(e.clientId).toBe(clinic.client.clientId);
      expect(e.resource).toBe(`client/${clinic.client.clientId}`);
      expect(Date.parse(e.at)).not.toBeNaN();
    }
    // Another clinic's admin sees none of it.
    const foreign = await buildClinic(h().store);
    const other = await signedIn(h().app, foreign.admin);
    const theirs = (await other.get(`/api/audit?clientId=${clinic.client.clientId}`)).json<{
      events: unknown[];
    }>();
    expect(theirs.events).toEqual([]);
  });

  it('refuses a therapist and validates the query', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    expectProblem(await therapist.get('/api/audit'), 403, 'forbidden');
    const admin = await signedIn(h().app, clinic.admin);
    const bad = expectProblem(await admin.get('/api/audit?clientId=nope'), 400, 'validation');
    expect(bad.field).toBe('query.clientId');
  });

  it('is append-only in the database itself', async () => {
    const clinic = await buildClinic(h().store);
    await (await signedIn(h().app, clinic.client)).get('/api/clients');
    const { db } = h().store;
    await expect(
      db
        .updateTable('audit_events')
        .set({ action: 'tampered' })
        .where('client_id', '=', clinic.client.clientId)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.deleteFrom('audit_events').where('client_id', '=', clinic.client.clientId).execute(),
    ).rejects.toThrow(/append-only/);
    if (h().engine === 'postgres')
      await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);
    await sealAudit(h().store);
    await expect(db.updateTable('audit_seals').set({ hash: 'forged' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('audit_seals').execute()).rejects.toThrow(/append-only/);
    const row = await db
      .selectFrom('audit_events')
      .select('action')
      .where('client_id', '=', clinic.client.clientId)
      .executeTakeFirst();
    expect(row?.action).toBe('client.list');
  });

  it('seals events written concurrently into one intact chain, in order', async () => {
    const clinic = await buildClinic(h().store);
    const sessions = await Promise.all(
      [clinic.client, clinic.therapist, clinic.admin].map((u) => signedIn(h().app, u)),
    );
    // Sealers from two "processes" race the writers; every event ends up linked exactly once.
    const writes = Promise.all(
      Array.from({ length: 30 }, (_, i) => sessions[i % 3]!.get('/api/clients')),
    );
    await Promise.all([writes, sealAudit(h().store), sealAudit(h().store)]);
    await sealAudit(h().store);
    const result = await verifyAuditChain(h().store.db);
    expect(result.broken).toBeNull();
    expect(result.checked).toBeGreaterThan(30);
    // This test's events, that is: other test files write to the same database meanwhile.
    const { db } = h().store;
    const ours = db
      .selectFrom('audit_events as e')
      .select(['e.seq', 'e.action', 'e.actor_id', 'e.resource'])
      .where('e.actor_id', 'in', [clinic.client.id, clinic.therapist.id, clinic.admin.id]);
    const unsealed = await ours
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('audit_seals as s')
              .select('s.position')
              .whereRef('s.event_seq', '=', 'e.seq'),
          ),
        ),
      )
      .execute();
    expect(unsealed, 'events of this test left unsealed').toEqual([]);
    expect((await ours.execute()).length).toBeGreaterThan(30);
  });

  it('reports events written since the last sealing as unsealed, not as broken', async () => {
    await sealAudit(h().store);
    const clinic = await buildClinic(h().store);
    await (await signedIn(h().app, clinic.client)).get('/api/clients');
    const before = await verifyAuditChain(h().store.db);
    expect(before.broken).toBeNull();
    expect(before.unsealed).toBeGreaterThan(0);
  });

  /** A chain of the test's own: a table with a serial key, and a lock key nothing else uses. */
  async function withProbeChain(
    test: (probe: {
      db: Kysely<unknown>;
      dialect: DialectName;
      table: string;
      key: number;
      /** Until someone waits for the chain lock (SQLite: for the one connection, at once). */
      someoneQueued: () => Promise<void>;
      idsInKeyOrder: () => Promise<{ id: string; seq: number }[]>;
    }) => Promise<void>,
  ) {
    const { store } = h();
    const db = store.db as unknown as Kysely<unknown>;
    const table = `chain_probe_${randomBytes(4).toString('hex')}`;
    const key = 7_249_999;
    await sql`create table ${sql.table(table)}
      (seq ${serialType(store.dialect)} primary key, id text not null)`.execute(db);
    try {
      await test({
        db,
        dialect: store.dialect,
        table,
        key,
        async someoneQueued() {
          while (store.dialect === 'postgres') {
            const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_locks
              where locktype = 'advisory' and objid = ${key} and not granted`.execute(db);
            if (rows[0]!.n > 0) return;
            await sleep(10);
          }
        },
        async idsInKeyOrder() {
          const { rows } = await sql<{
            id: string;
            seq: number | string;
          }>`select id, seq from ${sql.table(table)} order by seq`.execute(db);
          return rows.map((r) => ({ id: r.id, seq: Number(r.seq) }));
        },
      });
    } finally {
      await sql`drop table ${sql.table(table)}`.execute(db);
    }
  }

  /** A promise and the function that settles it. */
  function signal() {
    let fire!: () => void;
    const fired = new Promise<void>((resolve) => (fire = resolve));
    return { fire, fired };
  }

  it('makes an append wait for the chain lock before its row draws a serial key', async () => {
    // If a writer drew its key before waiting for the lock, a sealer could link later keys and
    // leave the writer's, committed afterwards, behind the sealed part of the chain.
    await withProbeChain(async ({ db, dialect, table, key, someoneQueued, idsInKeyOrder }) => {
      const holds = signal();
      const release = signal();
      const holder = db.transaction().execute(async (trx) => {
        await lockChain(trx, dialect, key);
        holds.fire();
        await release.fired;
        await sql`insert into ${sql.table(table)} (id) values ('holder')`.execute(trx);
      });
      await holds.fired;
      const writer = db
        .transaction()
        .execute((trx) => appendToChain(trx, dialect, { key, table, rows: [{ id: 'writer' }] }));
      await someoneQueued();
      release.fire();
      await Promise.all([holder, writer]);
      expect((await idsInKeyOrder()).map((r) => r.id)).toEqual(['holder', 'writer']);
    });
  });

  it("passes the sealer's barrier only when no append is in flight", async () => {
    await withProbeChain(async ({ db, dialect, table, key, someoneQueued, idsInKeyOrder }) => {
      const appended = signal();
      const commit = signal();
      const writer = db.transaction().execute(async (trx) => {
        await appendToChain(trx, dialect, { key, table, rows: [{ id: 'writer' }] });
        appended.fire();
        await commit.fired;
      });
      await appended.fired;
      let passed = false;
      const barrier = chainBarrier(db, dialect, { key, table, column: 'seq' }).then((n) => {
        passed = true;
        return n;
      });
      await someoneQueued();
      await sleep(20);
      expect(passed, 'barrier passed while an append was in flight').toBe(false);
      commit.fire();
      await writer;
      const through = await barrier;
      // Everything drawn before the barrier is at or below it; a later append draws above it.
      await db
        .transaction()
        .execute((trx) => appendToChain(trx, dialect, { key, table, rows: [{ id: 'later' }] }));
      const [first, later] = await idsInKeyOrder();
      expect(first).toEqual({ id: 'writer', seq: through });
      expect(later!.seq).toBeGreaterThan(through);
    });
  });
});
