import fc from 'fast-check';
import type { RouteEntry } from '../../../src/server/plugins/auth.ts';

export type Role = 'anonymous' | 'admin' | 'therapist' | 'client';
export const roles: readonly Role[] = ['anonymous', 'admin', 'therapist', 'client'];

/** Values the fuzzer may put in a path, by parameter name. */
export interface IdPool {
  /** Records of the clinic the fuzzing roles belong to (and the day/instrument values that fit). */
  home: Record<string, string[]>;
  /** Records of every clinic, another clinic's among them. */
  all: Record<string, string[]>;
  /** Every id in the database, for "a valid UUID of some other kind of record". */
  any: string[];
}

export interface FuzzRequest {
  role: Role;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Sent as is. */
  payload?: string;
  remoteAddress: string;
  /** What was broken on purpose (`none`: a request that should be able to succeed). */
  fault: Fault;
}

/** Sent as If-Match, replaced by the record's current version just before sending. */
export const currentVersion = '__current__';

/** What a failure message shows of a request (a 300 KB body helps nobody). */
export function describeRequest(r: FuzzRequest): string {
  const body =
    r.payload === undefined ? '' : ` body(${r.payload.length})=${r.payload.slice(0, 300)}`;
  return (
    `[fault: ${r.fault}] ${r.role} ${r.method} ${r.url.slice(0, 300)} ` +
    `headers=${JSON.stringify(r.headers).slice(0, 400)}${body}`
  );
}

const garbageIds = [
  '',
  ' ',
  '0',
  '-1',
  '1e999',
  'null',
  'undefined',
  'NaN',
  '..',
  '../../etc/passwd',
  "1' OR '1'='1",
  '1; DROP TABLE goals; --',
  '%00',
  '\u0000',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
  '__proto__',
  'constructor',
  '🙂',
  'é'.repeat(40),
  'a'.repeat(5000),
  '{}',
  '[]',
];

/** Any value for one path parameter: the right kind of record in any clinic, or anything. */
function wildParam(name: string, ids: IdPool): fc.Arbitrary<string> {
  const all = ids.all[name] ?? [];
  const choices: fc.Arbitrary<string>[] = [
    fc.uuid(),
    fc.constantFrom(...garbageIds),
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  ];
  if (ids.any.length) choices.push(fc.constantFrom(...ids.any));
  if (all.length) choices.push(fc.constantFrom(...all), fc.constantFrom(...all));
  return fc.oneof(...choices);
}

/** A value a home role could succeed with (or, without one, any value). */
function homeParam(name: string, ids: IdPool): fc.Arbitrary<string> {
  const home = ids.home[name] ?? [];
  return home.length ? fc.constantFrom(...home) : wildParam(name, ids);
}

const queryKeys = [
  'measureId',
  'limit',
  'before',
  'after',
  'clientId',
  'status',
  'include',
  'archived',
  'instrument',
  'since',
  'from',
  'to',
  'format',
  'accessRequest',
  '__proto__',
  'constructor',
];
const queryValues = fc.oneof(
  fc.constantFrom('1', '0', '-1', '1000', '1001', '1e9', 'all', 'open', 'include', '', 'null'),
  fc.constantFrom('phq9', 'gad7', 'json', 'fhir', 'csv', '2026-01-05', '2026-13-40'),
  fc.string({ maxLength: 30 }),
  fc.uuid(),
  fc.integer().map(String),
);

/** A query string: the route's sort of keys with odd values, or repeated and bracketed keys. */
const wildQuery = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...queryKeys), fc.string({ maxLength: 10 })),
          queryValues,
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((pairs) => `?${new URLSearchParams(pairs).toString()}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('?limit=1&limit=2', '?a[b]=1', '?%', '?measureId[]=x', '?=&&='),
  },
);

const nested = (depth: number, open: string, close: string, inner: string) =>
  open.repeat(depth) + inner + close.repeat(depth);

/** Bodies no route should choke on, as raw text. */
const hostileBodies: string[] = [
  '',
  'null',
  'true',
  '0',
  '"text"',
  '[]',
  '{',
  '{"a":',
  'not json',
  '\uFEFF{}',
  '{"__proto__":{"isAdmin":true,"role":"admin"}}',
  '{"constructor":{"prototype":{"role":"admin"}}}',
  '{"title":"x","__proto__":{"polluted":1}}',
  '{"a":{"b":{"__proto__":{"polluted":1}}}}',
  '[{"__proto__":{"polluted":1}}]',
  '{"value":1e999}',
  '{"value":-1e999}',
  '{"value":123456789012345678901234567890}',
  '{"level":1e308}',
  '{"id":"' + 'a'.repeat(100_000) + '"}',
  nested(10_000, '[', ']', ''),
  nested(10_000, '{"a":', '}', '{}'),
  nested(5_000, '{"a":', '}', '{"__proto__":{"x":1}}'),
  nested(200, '{"checkIns":[', ']}', '{}'),
  JSON.stringify({ body: 'x'.repeat(300 * 1024) }),
];

/** Values of every type, to put where a field is expected. */
const wrongTypes: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -0,
    -1,
    1.5,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    -1e308,
    5e-324,
    '',
    ' ',
    '0',
    'true',
    '2026-02-30',
    '2026-01-01T00:00:00',
    '9999-12-31T23:59:59Z',
    '1970-01-01T00:00:00Z',
    [],
    {},
    [null],
  ),
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.integer(),
  fc.double(),
  fc.uuid(),
  fc.jsonValue({ maxDepth: 3 }),
);

const levels = { '-2': 'a', '-1': 'b', '0': 'c', '1': 'd', '2': 'e' };

/**
 * A body the route takes, by `METHOD url`; `fresh` is a new UUID for ids the sender makes. A
 * route missing here is fuzzed with `{}` and wild bodies only, and reported as never accepted.
 */
export function sampleBody(
  route: RouteEntry,
  ids: IdPool,
  fresh: string,
): Record<string, unknown> | undefined {
  const measureId = ids.home.measureId?.[0] ?? fresh;
  const goalId = ids.home.goalId?.[0] ?? fresh;
  const samples: Record<string, Record<string, unknown>> = {
    'POST /api/auth/login': { email: 'decoy@fuzz.example', password: 'not the password' },
    'POST /api/auth/logout': {},
    'POST /api/clients/:clientId/goals': {
      title: 'Sleep by 11',
      why: 'Rest',
      measure: { name: 'Nights', kind: 'count', better: 'higher' },
      baseline: 1,
      target: 5,
      dueDate: '2031-01-01',
      gas: { levels },
    },
    'PATCH /api/goals/:goalId': { title: `Renamed ${fresh.slice(0, 8)}`, reason: 'fuzz' },
    'POST /api/goals/:goalId/attainment': { level: 1 },
    'POST /api/goals/:goalId/steps': { title: 'A step', dueDate: '2031-01-01' },
    'PATCH /api/steps/:stepId': { title: `Step ${fresh.slice(0, 8)}` },
    'POST /api/goals/:goalId/practices': { title: 'Breathe', schedule: { kind: 'daily' } },
    'PATCH /api/practices/:practiceId': { title: `Practice ${fresh.slice(0, 8)}` },
    'PUT /api/practices/:practiceId/completions/:date': { done: true },
    'POST /api/goals/:goalId/comments': { body: 'A comment' },
    'POST /api/templates': { category: 'Sleep', title: 'Wind down' },
    'PATCH /api/templates/:templateId': { title: `Template ${fresh.slice(0, 8)}` },
    'POST /api/smart-check': { title: 'Walk', measure: { kind: 'count', better: 'higher' } },
    'POST /api/clients/:clientId/check-ins': { id: fresh, measureId, value: 3 },
    'POST /api/clients/:clientId/check-ins/batch': {
      checkIns: [{ id: fresh, measureId, value: 2 }],
    },
    'POST /api/clients/:clientId/measures': { name: 'Minutes', kind: 'minutes', better: 'higher' },
    'PATCH /api/measures/:measureId': { sd: 5.5, reliability: 0.89 },
    'POST /api/locations': { name: `Location ${fresh.slice(0, 8)}` },
    'PATCH /api/locations/:locationId': { name: `Renamed ${fresh.slice(0, 8)}` },
    'PUT /api/clients/:clientId/location': { locationId: null },
    'PUT /api/clients/:clientId/care-team/:userId': { primary: false },
    'POST /api/clients/:clientId/questionnaires': {
      instrument: 'gad7',
      answers: [0, 1, 2, 3, 0, 1, 2],
    },
    'PUT /api/clients/:clientId/questionnaire-schedules/:instrument': {
      everyDays: 14,
      active: true,
    },
    'POST /api/alerts/:alertId/acknowledge': { note: 'Called the client' },
    'POST /api/clients/:clientId/journal': { body: 'Today', visibility: 'shared', mood: 5 },
    'PATCH /api/journal/:entryId': { body: `Edited ${fresh.slice(0, 8)}` },
    'POST /api/clients/:clientId/sessions': { date: '2026-01-05', clinicianNote: 'Went well' },
    'PATCH /api/sessions/:sessionId': { clinicianNote: `Note ${fresh.slice(0, 8)}` },
    'PATCH /api/clinic/settings': { silenceDays: 7 },
    'PUT /api/clients/:clientId/report-summary': { text: 'Steady progress' },
    'POST /api/clients/:clientId/corrections': {
      resource: 'goal',
      resourceId: goalId,
      field: 'title',
      requested: 'Spelling',
    },
    'POST /api/corrections/:correctionId/resolution': { decision: 'declined', note: 'As is' },
    'POST /api/clients/:clientId/consent-directives': {
      scope: 'goal',
      resourceId: goalId,
      reason: 'Written request',
    },
    'POST /api/consent-directives/:directiveId/revoke': { reason: 'Written request' },
    'POST /api/users': { role: 'therapist', email: `fuzz-${fresh}@fuzz.example`, name: 'Fuzz' },
    'POST /api/users/:userId/disabled': { disabled: true },
    'POST /api/users/:userId/reset-link': {},
    'POST /api/users/:userId/privacy-officer': { privacyOfficer: true },
    'POST /api/auth/email': { email: `fuzz-${fresh}@fuzz.example` },
    'POST /api/break-glass': {
      clientId: ids.home.clientId?.[0] ?? fresh,
      reason: 'Client in crisis at the front desk; their therapist is away.',
    },
    'POST /api/privacy/break-glass/:grantId/review': { outcome: 'justified', note: 'Reviewed' },
    'POST /api/privacy/notifications/read': {},
  };
  return samples[`${route.method} ${route.url}`];
}

/** The sample with one field changed, dropped or added (prototype keys among them). */
function mutated(sample: Record<string, unknown>): fc.Arbitrary<string> {
  const keys = Object.keys(sample);
  const field = fc.oneof(
    fc.constantFrom(...(keys.length ? keys : ['x'])),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'id'),
    fc.string({ maxLength: 12 }),
  );
  return fc.tuple(field, wrongTypes, fc.boolean()).map(([k, v, drop]) => {
    const copy: Record<string, unknown> = { ...sample };
    if (drop && k in copy) delete copy[k];
    // defineProperty, so `__proto__` becomes a real key of the JSON, not a prototype change.
    else
      Object.defineProperty(copy, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return JSON.stringify(copy);
  });
}

const wildBody = (sample: Record<string, unknown>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: mutated(sample) },
    { weight: 2, arbitrary: fc.constantFrom(...hostileBodies) },
    {
      weight: 2,
      arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
    },
    {
      weight: 1,
      arbitrary: fc
        .dictionary(fc.string({ maxLength: 10 }), wrongTypes, { maxKeys: 6 })
        .map((v) => JSON.stringify(v)),
    },
  );

const wildContentType = fc.constantFrom(
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/problem+json',
  '',
  'none',
);
const wildCsrf = fc.constantFrom('missing', 'wrong', 'empty', 'padded', 'other-session');
const wildIfMatch = fc.oneof(
  fc.constantFrom('none', '"1"', '"2"', '1', '*', 'W/"1"', '""', '"-1"', '"1e999"', '"abc"'),
  fc.constant('"1", "2"'),
  fc.string({ maxLength: 20 }),
);
const wildSite = fc.constantFrom('same-origin', 'cross-site', 'evil-origin', 'null-origin');

/** Which part of the request is broken on purpose; `none` and `all` included. */
export type Fault =
  | 'none'
  | 'role'
  | 'csrf'
  | 'site'
  | 'content-type'
  | 'param'
  | 'query'
  | 'body'
  | 'if-match'
  | 'all';

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Fault>('none') },
  {
    weight: 8,
    arbitrary: fc.constantFrom<Fault>(
      'role',
      'csrf',
      'site',
      'content-type',
      'param',
      'query',
      'body',
      'if-match',
    ),
  },
  { weight: 2, arbitrary: fc.constant<Fault>('all') },
);

export interface Credentials {
  cookie?: string;
  csrf?: string;
}

/**
 * One request to `route`: a request that could succeed (a role the policy allows, the right
 * CSRF token, a home record, a sample body, the current version) with one part broken on
 * purpose — or none, or all of them at once.
 */
export function requestArb(
  route: RouteEntry,
  ids: IdPool,
  allowedRoles: readonly Role[],
  credentials: (role: Role) => Credentials,
): fc.Arbitrary<FuzzRequest> {
  const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const writes = route.method !== 'GET';
  const good = allowedRoles.length ? allowedRoles : roles;
  return fc
    .record({
      fault: faultArb,
      goodRole: fc.constantFrom(...good),
      wildRole: fc.constantFrom(...roles),
      goodParams: fc.tuple(...params.map((p) => homeParam(p, ids))),
      wildParams: fc.tuple(...params.map((p) => wildParam(p, ids))),
      wildQuery,
      fresh: fc.uuid(),
      wildContentType,
      wildCsrf,
      wildIfMatch,
      wildSite,
      ip: fc.integer({ min: 1, max: 254 }),
    })
    .chain((g) => {
      const sample = sampleBody(route, ids, g.fresh) ?? {};
      return fc.tuple(fc.constant(g), fc.constant(sample), wildBody(sample));
    })
    .map(([g, sample, wild]) => {
      const broken = (part: Fault) => g.fault === part || g.fault === 'all';
      const role = broken('role') ? g.wildRole : g.goodRole;
      const values = broken('param') ? g.wildParams : g.goodParams;
      let i = 0;
      const path = route.url.replace(/:(\w+)/g, () => encodeURIComponent(values[i++] ?? ''));
      const cred = credentials(role);
      const headers: Record<string, string> = {};
      if (cred.cookie) headers.cookie = cred.cookie;
      if (writes) {
        const token = cred.csrf ?? 'no-session';
        const csrf = broken('csrf') ? g.wildCsrf : 'right';
        if (csrf === 'right') headers['x-csrf-token'] = token;
        else if (csrf === 'wrong')
          headers['x-csrf-token'] = `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`;
        else if (csrf === 'empty') headers['x-csrf-token'] = '';
        else if (csrf === 'padded') headers['x-csrf-token'] = ` ${token}`;
        else if (csrf === 'other-session')
          headers['x-csrf-token'] =
            credentials(role === 'client' ? 'therapist' : 'client').csrf ?? '';
        const type = broken('content-type') ? g.wildContentType : 'application/json';
        if (type !== 'none') headers['content-type'] = type;
      }
      const ifMatch = broken('if-match') ? g.wildIfMatch : currentVersion;
      if (ifMatch !== 'none') headers['if-match'] = ifMatch;
      if (broken('site')) {
        if (g.wildSite === 'same-origin') headers['sec-fetch-site'] = 'same-origin';
        else if (g.wildSite === 'cross-site') headers['sec-fetch-site'] = 'cross-site';
        else if (g.wildSite === 'evil-origin') headers.origin = 'https://evil.example';
        else headers.origin = 'null';
      }
      return {
        fault: g.fault,
        role,
        method: route.method,
        url: path + (broken('query') ? g.wildQuery : ''),
        headers,
        ...(writes ? { payload: broken('body') ? wild : JSON.stringify(sample) } : {}),
        remoteAddress: `203.0.113.${g.ip}`,
      };
    });
}
