import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { sealAudit, verifyAuditChain } from '../../src/store/audit.ts';
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
    const { db } = h().store;
    const lastSealed = await db
      .selectFrom('audit_seals')
      .select((eb) => eb.fn.max('event_seq').as('seq'))
      .executeTakeFirstOrThrow();
    const late = await db
      .selectFrom('audit_events')
      .select(['seq', 'action', 'actor_id', 'resource'])
      .where('seq', '>', Number(lastSealed.seq ?? 0))
      .execute();
    expect(late, 'events written after the last sealing').toEqual([]);
    expect(result.unsealed).toBe(0);
    expect(result.checked).toBeGreaterThan(30);
    const seals = await db.selectFrom('audit_seals').select(['position', 'event_seq']).execute();
    const events = await db.selectFrom('audit_events').select('seq').orderBy('seq').execute();
    expect(seals.map((s) => s.event_seq).sort((a, b) => a - b)).toEqual(events.map((e) => e.seq));
  });

  it('reports events written since the last sealing as unsealed, not as broken', async () => {
    await sealAudit(h().store);
    const clinic = await buildClinic(h().store);
    await (await signedIn(h().app, clinic.client)).get('/api/clients');
    const before = await verifyAuditChain(h().store.db);
    expect(before.broken).toBeNull();
    expect(before.unsealed).toBeGreaterThan(0);
  });
});
