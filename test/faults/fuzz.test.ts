import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/server/plugins/auth.ts';
import { buildApp } from '../../src/server/app.ts';
import { sealAudit, verifyAuditChain } from '../../src/store/audit.ts';
import type { Store } from '../../src/store/db.ts';
import { buildClinic, testPassword, type TestClinic } from '../support/factories.ts';
import { Session } from '../support/http.ts';
import { faults } from './support/config.ts';
import {
  faultEngines,
  privateDatabase,
  rowCounts,
  sqliteIntegrity,
  tableNames,
  type PrivateDatabase,
} from './support/databases.ts';
import {
  currentVersion,
  describeRequest,
  requestArb,
  roles,
  type Credentials,
  type FuzzRequest,
  type IdPool,
  type Role,
} from './support/fuzz-requests.ts';
import { roleMay } from '../../src/server/policy.ts';

/** Which table a path parameter's records live in. */
const paramTables: Record<string, string> = {
  clientId: 'clients',
  goalId: 'goals',
  stepId: 'steps',
  practiceId: 'practices',
  templateId: 'goal_templates',
  sessionId: 'therapy_sessions',
  alertId: 'alerts',
  entryId: 'journal_entries',
  checkInId: 'check_ins',
  measureId: 'measures',
  responseId: 'questionnaire_responses',
  correctionId: 'corrections',
  directiveId: 'consent_directives',
  planId: 'if_then_plans',
  draftId: 'goal_drafts',
  userId: 'users',
  locationId: 'locations',
  grantId: 'break_glass_grants',
};

/** Text that must never reach a client: stack frames, file paths, SQL, driver errors. */
const leaks = [
  /\bat [\w$.<>]+ \(?[^)\s]*:\d+:\d+\)?/,
  /\.(ts|js|mjs):\d+/,
  /node_modules/,
  /"stack"\s*:/,
  /SQLITE_[A-Z]+/,
  /\bselect\b[^"]{0,200}\bfrom\b/i,
  /\binsert into\b/i,
  /\bupdate\b \w+ \bset\b/i,
  /syntax error at or near/i,
  /violates [\w ]*constraint/i,
  /relation "\w+" does not exist/i,
  /no such (table|column)/i,
  /\bKysely\b|\bbetter-sqlite3\b|\bpg-pool\b/i,
];

/**
 * Records of every kind in a clinic, made through the API as its people would: the fuzzer
 * aims at them (and at another clinic's). A route that has not landed yet just fails here.
 */
async function furnish(app: FastifyInstance, clinic: TestClinic): Promise<void> {
  const therapist = new Session(app);
  await therapist.login(clinic.therapist);
  const client = new Session(app);
  await client.login(clinic.client);
  const admin = new Session(app);
  await admin.login(clinic.admin);
  // The clinic's template library.
  await admin.get('/api/templates');
  const c = clinic.client.clientId;
  const goal = (
    await therapist.post(`/api/clients/${c}/goals`, {
      title: 'Walk 20 minutes',
      status: 'active',
      measure: { name: 'Minutes walked', kind: 'minutes', better: 'higher' },
      baseline: 5,
      target: 20,
      gas: { levels: { '-2': 'none', '-1': 'some', '0': 'goal', '1': 'more', '2': 'much more' } },
    })
  ).json<{ id: string; measureId: string }>();
  await therapist.post(`/api/goals/${goal.id}/steps`, { title: 'Find a route' });
  await therapist.post(`/api/goals/${goal.id}/practices`, {
    title: 'Walk',
    schedule: { kind: 'daily' },
  });
  await client.post(`/api/goals/${goal.id}/comments`, { body: 'Started today' });
  await therapist.post(`/api/goals/${goal.id}/attainment`, { level: 0 });
  await client.post(`/api/clients/${c}/check-ins`, {
    id: crypto.randomUUID(),
    measureId: goal.measureId,
    value: 10,
  });
  const entry = (
    await client.post(`/api/clients/${c}/journal`, { body: 'A good day', visibility: 'shared' })
  ).json<{ id: string }>();
  // The lockbox: this entry withheld from the therapist alone.
  await client.post(`/api/clients/${c}/consent-directives`, {
    scope: 'journal',
    resourceId: entry.id,
    staffUserId: clinic.therapist.id,
  });
  // Item 9 above 0 raises a risk alert.
  await client.post(`/api/clients/${c}/questionnaires`, {
    instrument: 'phq9',
    answers: [1, 1, 1, 1, 1, 1, 1, 1, 1],
  });
  await therapist.post(`/api/clients/${c}/sessions`, { date: '2026-01-05' });
  await client.post(`/api/clients/${c}/corrections`, {
    resource: 'goal',
    resourceId: goal.id,
    field: 'title',
    requested: 'It should say 30 minutes',
  });
  // A break-the-glass grant for the privacy officer's queue.
  await therapist.post('/api/auth/reauth', { password: testPassword });
  await therapist.post('/api/break-glass', {
    clientId: clinic.otherClient.clientId,
    reason: 'Client in crisis at the front desk; their therapist is away.',
  });
}

/** Up to 40 ids of each table that has an `id` column. */
async function idsByTable(
  store: Store,
  tables: readonly string[],
): Promise<Record<string, string[]>> {
  const byTable: Record<string, string[]> = {};
  for (const t of tables) {
    try {
      const { rows } = await sql<{ id: unknown }>`select id from ${sql.table(t)} limit 40`.execute(
        store.db,
      );
      byTable[t] = rows.map((r) => r.id).filter((id): id is string => typeof id === 'string');
    } catch {
      // a table keyed otherwise
    }
  }
  return byTable;
}

function byParam(byTable: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(paramTables).map(([param, table]) => [param, byTable[table] ?? []]),
  );
}

/** The version a write to `url` must name in If-Match: that of the record in its path. */
async function versionOf(store: Store, route: RouteEntry, url: string): Promise<string> {
  const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const values = url.split('?')[0]!.split('/');
  const template = route.url.split('/');
  for (const name of names) {
    const table = paramTables[name];
    const value = values[template.indexOf(`:${name}`)];
    if (!table || !value) continue;
    try {
      const { rows } = await sql<{
        version: number;
      }>`select version from ${sql.table(table)} where id = ${decodeURIComponent(value)}`.execute(
        store.db,
      );
      if (rows[0]) return `"${rows[0].version}"`;
    } catch {
      // no version column: not a versioned record
    }
  }
  return '"1"';
}

function checkAnswer(req: FuzzRequest, res: LightMyRequestResponse): void {
  const where = `${res.statusCode} for ${describeRequest(req)}\n→ ${res.body.slice(0, 600)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode >= 300) {
    expect(type, where).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(res.body) as Record<string, unknown>;
    expect(typeof problem.code, where).toBe('string');
    expect(problem.status, where).toBe(res.statusCode);
  }
  if (/json|text|html/.test(type) || type === '') {
    for (const leak of leaks) expect(res.body, `${where}\nleaks ${leak}`).not.toMatch(leak);
  }
}

/** The roles the policy lets take a route's action (every one, anonymous too, for `public`). */
function allowed(route: RouteEntry): Role[] {
  if (route.action === 'public') return [...roles];
  const action = route.action;
  return roles.filter((r) => r !== 'anonymous' && roleMay(r, action));
}

for (const engine of faultEngines()) {
  describe(`fuzz: every route, every role [${engine}]`, () => {
    let db: PrivateDatabase;
    let store: Store;
    let app: FastifyInstance;
    let tables: string[];
    let ids: IdPool;
    const creds: Record<Role, Credentials> = {
      anonymous: {},
      admin: {},
      therapist: {},
      client: {},
    };
    let home: TestClinic;

    /** Sign the role in again (from an address the fuzzer never uses, so throttling spares it). */
    async function signIn(role: Role): Promise<void> {
      if (role === 'anonymous') return;
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          email: home[role].email,
          password: 'correct horse battery staple',
        }),
        remoteAddress: '198.51.100.7',
      });
      expect(res.statusCode, res.body).toBe(200);
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      creds[role] = { cookie, csrf: res.json<{ csrfToken: string }>().csrfToken };
    }

    beforeAll(async () => {
      db = await privateDatabase(engine);
      store = db.open({ poolSize: 4 });
      app = buildApp({ store });
      await app.ready();
      tables = await tableNames(store);
      home = await buildClinic(store);
      await furnish(app, home);
      // Everything there is now is the home clinic's (or shared, like the template library).
      const homeIds = byParam(await idsByTable(store, tables));
      homeIds.clientId = [home.client.clientId];
      const foreign = await buildClinic(store);
      await furnish(app, foreign);
      const byTable = await idsByTable(store, tables);
      // The client's today: a practice made today takes completions from today on.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(
        new Date(),
      );
      const values = { date: [today], instrument: ['phq9', 'gad7'] };
      // The fuzzing roles' own accounts are off limits: disabling one would end the run.
      const own = new Set([home.admin.id, home.therapist.id, home.client.id]);
      const spare = (pool: Record<string, string[]>) =>
        Object.fromEntries(
          Object.entries(pool).map(([k, v]) => [k, v.filter((id) => !own.has(id))]),
        );
      ids = {
        home: spare({ ...homeIds, ...values }),
        all: spare({ ...byParam(byTable), ...values }),
        any: [...new Set(Object.values(byTable).flat())].filter((id) => !own.has(id)),
      };
      for (const role of roles) await signIn(role);
    }, 60_000);

    afterAll(async () => {
      await app?.close();
      await store?.close();
      await db?.drop();
    });

    it(
      'answers every random request without a 5xx, with a problem for every refusal, and stores nothing refused',
      { timeout: 240_000 },
      async () => {
        const routes: RouteEntry[] = app.routeTable.filter((r) => r.method !== 'HEAD');
        expect(routes.length).toBeGreaterThan(10);
        const seed = faults.fuzzSeed;
        console.info(
          `[fuzz ${engine}] ${routes.length} routes × ${faults.fuzzRunsPerRoute} runs, seed ${seed} ` +
            `(replay with STEPWISE_FUZZ_SEED=${seed})`,
        );
        let counts = await rowCounts(store, tables);
        let failure = '';
        const statuses = new Map<number, number>();
        const accepted = new Map<RouteEntry, number>();

        /** Send one request and hold the answer (and the database) to the rules. */
        const send = async (route: RouteEntry, req: FuzzRequest): Promise<void> => {
          if (req.headers['if-match'] === currentVersion)
            req.headers['if-match'] = await versionOf(store, route, req.url);
          const res = await app.inject({
            method: req.method as 'GET',
            url: req.url,
            headers: req.headers,
            ...(req.payload !== undefined ? { payload: req.payload } : {}),
            remoteAddress: req.remoteAddress,
          });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode < 300) accepted.set(route, (accepted.get(route) ?? 0) + 1);
          checkAnswer(req, res);
          const after = await rowCounts(store, tables);
          if (res.statusCode >= 300) {
            // A refused login still counts as a failure (throttling), by design.
            const exempt = route.url === '/api/auth/login' ? ['login_failures'] : [];
            const changed = tables.filter((t) => !exempt.includes(t) && after[t] !== counts[t]);
            expect(
              changed.map((t) => `${t}: ${counts[t]} → ${after[t]}`),
              `a refused request stored something: ${res.statusCode} for ${describeRequest(req)}`,
            ).toEqual([]);
          }
          counts = after;
          // A logout, a login over the session's cookie, a revoked session…: any /api/auth
          // route may end the role's session, so sign it in afresh.
          if (req.role !== 'anonymous' && route.url.startsWith('/api/auth/')) {
            await signIn(req.role);
            counts = await rowCounts(store, tables);
          }
        };

        for (const [index, route] of routes.entries()) {
          const property = fc.asyncProperty(
            requestArb(route, ids, allowed(route), (role) => creds[role]),
            async (req) => {
              try {
                await send(route, req);
              } catch (err) {
                failure = (err as Error).message.slice(0, 3000);
                throw err;
              }
            },
          );
          try {
            await fc.assert(property, {
              seed: seed + index,
              numRuns: faults.fuzzRunsPerRoute,
              endOnFailure: true,
            });
          } catch (err) {
            const summary = (err as Error).message.split('\n').slice(0, 2).join(' ');
            throw new Error(
              `fuzz of ${route.method} ${route.url} [${engine}] failed — replay with ` +
                `STEPWISE_FUZZ_SEED=${seed} (${summary.slice(0, 200)})\n${failure}`,
            );
          }
        }
        const histogram = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
        const total = [...statuses.values()].reduce((a, b) => a + b, 0);
        console.info(`[fuzz ${engine}] ${total} requests answered: ${histogram.join(' ')}`);
        const neverAccepted = routes
          .filter((r) => !accepted.has(r))
          .map((r) => `${r.method} ${r.url}`);
        if (neverAccepted.length)
          console.info(
            `[fuzz ${engine}] no 2xx this run (refused every time): ${neverAccepted.join(', ')}`,
          );

        // Nothing leaked into Object.prototype of the process that parsed all those bodies.
        const fresh = {} as Record<string, unknown>;
        expect([fresh.polluted, fresh.isAdmin, fresh.role, fresh.x]).toEqual([
          undefined,
          undefined,
          undefined,
          undefined,
        ]);
      },
    );

    it('refuses what the router itself rejects as problems too: bad escapes, over-long ids', async () => {
      for (const url of [
        '/api/goals/%E0%A4%A',
        '/api/goals/%zz/revisions',
        `/api/goals/${'a'.repeat(500)}`,
        `/api/clients/${'9'.repeat(5000)}/goals`,
      ]) {
        const res = await app.inject({
          method: 'GET',
          url,
          headers: { cookie: creds.client.cookie! },
        });
        const req: FuzzRequest = {
          fault: 'param',
          role: 'client',
          method: 'GET',
          url,
          headers: {},
          remoteAddress: '',
        };
        expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
        checkAnswer(req, res);
        expect(res.body).not.toMatch(/FST_ERR/);
      }
    });

    it('is healthy afterwards: answers, signs in, writes, and its data is sound', async () => {
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const therapist = new Session(app);
      expect((await therapist.login(home.therapist)).statusCode).toBe(200);
      expect((await therapist.get('/api/me')).statusCode).toBe(200);
      const goal = await therapist.post(`/api/clients/${home.client.clientId}/goals`, {
        title: 'Still works',
      });
      expect(goal.statusCode, goal.body).toBe(201);
      expect((await therapist.get('/api/clients')).statusCode).toBe(200);
      await sealAudit(store);
      const audit = await verifyAuditChain(store.db);
      expect(audit.broken).toBeNull();
      expect(audit.checked).toBeGreaterThan(0);
      if (db.file) expect(sqliteIntegrity(db.file)).toBe('ok');
    });
  });
}
