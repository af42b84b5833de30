import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { roleMay } from '../../src/server/policy.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic, type TestClinic } from '../support/factories.ts';
import { expectProblem, Session, signedIn } from '../support/http.ts';

interface Entry {
  id: string;
  body: string;
  visibility: 'private' | 'shared';
  mood: number | null;
  prompt: string | null;
}

async function journalOf(h: Harness, clinic: TestClinic) {
  const client = await signedIn(h.app, clinic.client);
  const url = `/api/clients/${clinic.client.clientId}/journal`;
  const write = async (body: Record<string, unknown>) => {
    const res = await client.post(url, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Entry>();
  };
  return { client, url, write };
}

const count = (h: Harness, clientId: string) =>
  h.store.db
    .selectFrom('journal_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

describeEachEngine('journal', (h) => {
  it('lets a client write private and shared entries and read all of their own', async () => {
    const clinic = await buildClinic(h().store);
    const { client, url, write } = await journalOf(h(), clinic);
    const first = await write({ body: 'Slept badly.', visibility: 'private', mood: 3 });
    h().clock.advance(60_000);
    const second = await write({
      body: 'Walked to work.',
      visibility: 'shared',
      prompt: 'What small step toward one of your goals did you take this week?',
    });
    expect(first).toMatchObject({
      body: 'Slept badly.',
      mood: 3,
      prompt: null,
      visibility: 'private',
    });
    const list = (await client.get(url)).json<{ entries: Entry[]; next: null }>();
    expect(list.entries.map((e) => e.id)).toEqual([second.id, first.id]);
    expect(list.next).toBeNull();
    expectProblem(await new Session(h().app).get(url), 401);
  });

  it('refuses bad entries naming the field, storing nothing', async () => {
    const clinic = await buildClinic(h().store);
    const { client, url } = await journalOf(h(), clinic);
    const bad: [unknown, string][] = [
      [{ body: 'x' }, 'visibility'],
      [{ body: 'x', visibility: 'public' }, 'visibility'],
      [{ body: '  ', visibility: 'private' }, 'body'],
      [{ body: 'x', visibility: 'private', mood: 11 }, 'mood'],
      [{ body: 'x', visibility: 'private', mood: -1 }, 'mood'],
      [{ body: 'x', visibility: 'private', mood: 4.5 }, 'mood'],
      [{ body: 'x', visibility: 'private', mood: '5' }, 'mood'],
      [{ body: 'x'.repeat(20_001), visibility: 'private' }, 'body'],
      [{ body: 'x', visibility: 'private', author: 'someone' }, 'body'],
    ];
    for (const [body, field] of bad) {
      const problem = expectProblem(await client.post(url, body), 400, 'validation');
      expect(problem.field, JSON.stringify(body)).toBe(field);
    }
    expect(await count(h(), clinic.client.clientId)).toBe(0);
    expectProblem(await client.get(`${url}?limit=0`), 400, 'validation');
    expectProblem(await client.get(`${url}?before=yesterday`), 400, 'validation');
  });

  it('shows the care team only shared entries; private text never reaches staff', async () => {
    const clinic = await buildClinic(h().store);
    const { client, url, write } = await journalOf(h(), clinic);
    const sentinel = `PRIVATE-SENTINEL-${randomUUID()}`;
    const hidden = await write({
      body: `I never told anyone: ${sentinel}`,
      visibility: 'private',
      prompt: sentinel,
    });
    const shared = await write({
      body: 'Felt proud after the call.',
      visibility: 'shared',
      mood: 7,
    });
    const therapist = await signedIn(h().app, clinic.therapist);
    const seen = (await therapist.get(url)).json<{ entries: Entry[] }>();
    expect(seen.entries.map((e) => e.id)).toEqual([shared.id]);

    // Every GET a staff member may make about this client: none carries the private text.
    const goal = await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, {
      title: 'Call one friend a week',
    });
    const ids: Record<string, string> = {
      clientId: clinic.client.clientId,
      goalId: goal.json<{ id: string }>().id,
      entryId: hidden.id,
    };
    const admin = await signedIn(h().app, clinic.admin);
    const walked: string[] = [];
    for (const [role, session] of [
      ['therapist', therapist],
      ['admin', admin],
    ] as const) {
      for (const route of h().app.routeTable) {
        if (route.method !== 'GET' || route.action === 'public' || !roleMay(role, route.action))
          continue;
        const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
        if (params.some((p) => !ids[p])) continue;
        const res = await session.get(route.url.replace(/:(\w+)/g, (_, p: string) => ids[p]!));
        expect(res.body, `${role} GET ${route.url}`).not.toContain(sentinel);
        walked.push(`${role} ${route.url}`);
      }
    }
    expect(walked).toContain(`therapist /api/clients/:clientId/journal`);

    // Unsharing hides an entry again; sharing shows it.
    expect(
      (await client.patch(`/api/journal/${shared.id}`, { visibility: 'private' })).statusCode,
    ).toBe(200);
    expect((await therapist.get(url)).json<{ entries: Entry[] }>().entries).toEqual([]);
    const now = await client.patch(`/api/journal/${hidden.id}`, { visibility: 'shared' });
    expect(now.json()).toMatchObject({ id: hidden.id, visibility: 'shared' });
    expect((await therapist.get(url)).body).toContain(sentinel);
    const actions = await h()
      .store.db.selectFrom('audit_events')
      .select('action')
      .where('client_id', '=', clinic.client.clientId)
      .where('action', 'like', 'journal.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'journal.create',
      'journal.create',
      'journal.list',
      'journal.list',
      'journal.unshare',
      'journal.list',
      'journal.share',
      'journal.list',
    ]);
  });

  it('keeps journals to their client: staff cannot write, others get 404', async () => {
    const clinic = await buildClinic(h().store);
    const { url, write } = await journalOf(h(), clinic);
    const entry = await write({ body: 'Mine.', visibility: 'shared' });
    const therapist = await signedIn(h().app, clinic.therapist);
    expectProblem(await therapist.post(url, { body: 'x', visibility: 'shared' }), 403, 'forbidden');
    expectProblem(await therapist.patch(`/api/journal/${entry.id}`, { body: 'edited' }), 403);
    const outsider = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(await outsider.get(url), 404, 'not-found');
    const otherClient = await signedIn(h().app, clinic.otherClient);
    expectProblem(await otherClient.get(url), 404);
    expectProblem(await otherClient.post(url, { body: 'x', visibility: 'shared' }), 404);
    expectProblem(await otherClient.patch(`/api/journal/${entry.id}`, { body: 'edited' }), 404);
    expectProblem(await otherClient.patch(`/api/journal/${randomUUID()}`, { body: 'x' }), 404);
    expectProblem(await otherClient.patch('/api/journal/nope', { body: 'x' }), 400, 'validation');
    expect(await count(h(), clinic.client.clientId)).toBe(1);
    expect(await count(h(), clinic.otherClient.clientId)).toBe(0);
  });

  it('lets a client edit their own entry; a bad edit changes nothing', async () => {
    const clinic = await buildClinic(h().store);
    const { client, write } = await journalOf(h(), clinic);
    const entry = await write({ body: 'First draft', visibility: 'private', mood: 4, prompt: 'p' });
    h().clock.advance(5_000);
    const res = await client.patch(`/api/journal/${entry.id}`, {
      body: 'Second draft',
      mood: null,
      prompt: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    const edited = res.json<Entry & { createdAt: string; updatedAt: string }>();
    expect(edited).toMatchObject({
      body: 'Second draft',
      mood: null,
      prompt: null,
      visibility: 'private',
    });
    expect(edited.updatedAt > edited.createdAt).toBe(true);
    for (const body of [{}, { mood: 12 }, { visibility: 'everyone' }, { body: '' }]) {
      expectProblem(await client.patch(`/api/journal/${entry.id}`, body), 400, 'validation');
    }
    const [stored] = (await client.get(`/api/clients/${clinic.client.clientId}/journal`)).json<{
      entries: Entry[];
    }>().entries;
    expect(stored).toMatchObject({ body: 'Second draft', mood: null, visibility: 'private' });
  });

  it('pages newest first with a cursor', async () => {
    const clinic = await buildClinic(h().store);
    const { client, url, write } = await journalOf(h(), clinic);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      made.push((await write({ body: `Entry ${i}`, visibility: 'private' })).id);
      if (i !== 2) h().clock.advance(1_000); // two entries share an instant: the id breaks the tie
    }
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page: { entries: Entry[]; next: string | null } = (
        await client.get(`${url}?limit=2${next ? `&before=${encodeURIComponent(next)}` : ''}`)
      ).json();
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e) => e.id));
      next = page.next;
    } while (next);
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(made));
    const tied = [made[2]!, made[3]!].sort().reverse();
    expect(seen).toEqual([made[4], ...tied, made[1], made[0]]);
  });

  it('offers reflection prompts to clients and therapists', async () => {
    const clinic = await buildClinic(h().store);
    for (const user of [clinic.client, clinic.therapist]) {
      const res = await (await signedIn(h().app, user)).get('/api/journal/prompts');
      const { prompts } = res.json<{ prompts: { id: string; theme: string; text: string }[] }>();
      expect(prompts.length).toBeGreaterThanOrEqual(8);
      expect(new Set(prompts.map((p) => p.id)).size).toBe(prompts.length);
    }
    expectProblem(await (await signedIn(h().app, clinic.admin)).get('/api/journal/prompts'), 403);
  });
});
