import { randomUUID } from 'node:crypto';

/**
 * The clinic network the dashboard is measured on: `therapists` × `clientsPerTherapist` clients,
 * each with `goalsPerClient` measured goals and one check-in per goal per day for `days` days
 * (the 200 × 40 × 3 × 365 ≈ 8.8 M check-ins at scale 1). `BENCH_SCALE` shrinks the
 * network, never the measured therapist's own caseload, so the dashboard reads the same rows
 * at every scale; only the size of the tables and indexes around it changes.
 */
export interface Shape {
  therapists: number;
  clientsPerTherapist: number;
  goalsPerClient: number;
  days: number;
  /** A PHQ-9 and a GAD-7 every this many days. */
  questionnaireEveryDays: number;
}

export function shapeFor(scale: number): Shape {
  return {
    therapists: Math.max(1, Math.round(200 * scale)),
    clientsPerTherapist: 40,
    goalsPerClient: 3,
    days: 365,
    questionnaireEveryDays: 14,
  };
}

export const checkInCount = (s: Shape) =>
  s.therapists * s.clientsPerTherapist * s.goalsPerClient * s.days;

export const benchPassword = 'stepwise bench password 2026';
export const therapistEmail = (i: number) =>
  `therapist-${String(i).padStart(3, '0')}@bench.example`;
export const clientEmail = (i: number) => `client-${String(i).padStart(5, '0')}@bench.example`;
/** The therapist whose dashboard is measured, and the clients who send check-ins in the mix. */
export const dashboardTherapist = 0;

/**
 * Clinic settings the bench needs: its staff sign in with a password alone (a second factor is
 * a sign-in step, not part of the requests measured here).
 */
export const benchClinicSettings = { mfaRequiredForStaff: false };

/** A small, fast, seeded PRNG (mulberry32) so every build makes the same shape of data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Row = (string | number | null)[];

export interface Table {
  name: string;
  columns: string[];
  rows: Row[];
}

export interface Goal {
  id: string;
  clientIndex: number;
  clientId: string;
  clientUserId: string;
  measureId: string;
  kind: 'scale' | 'minutes' | 'count';
  start: number;
  /** Change per day: improving, stuck or worsening. */
  drift: number;
  noise: number;
}

export interface Network {
  shape: Shape;
  /** Every row of the small tables, in foreign-key order. */
  tables: Table[];
  goals: Goal[];
  /** The first UTC day of check-ins (`days` days ending yesterday). */
  firstDay: Date;
}

const goalKinds = [
  { kind: 'scale', name: 'Anxiety (0–10)', unit: null, better: 'lower', start: 7, noise: 1.2 },
  { kind: 'minutes', name: 'Walking', unit: 'min', better: 'higher', start: 10, noise: 6 },
  {
    kind: 'count',
    name: 'Social contacts',
    unit: 'contacts',
    better: 'higher',
    start: 1,
    noise: 1,
  },
] as const;

/** The clinic, its staff, clients, care teams, measures, goals, questionnaires and alerts. */
export function buildNetwork(shape: Shape, passwordHash: string, now: Date): Network {
  const rand = prng(20260101);
  const created = new Date(now.getTime() - (shape.days + 30) * 86_400_000).toISOString();
  const clinicId = randomUUID();
  const locations = ['Barrie', 'Whitby', 'Oshawa', 'Newmarket', 'Orillia'].map((name) => ({
    id: randomUUID(),
    name,
  }));
  const users: Row[] = [];
  const clients: Row[] = [];
  const careTeam: Row[] = [];
  const measures: Row[] = [];
  const goalRows: Row[] = [];
  const goals: Goal[] = [];
  const user = (role: string, email: string, name: string, locationId: string) => {
    const id = randomUUID();
    users.push([id, clinicId, email, name, role, passwordHash, locationId, null, created]);
    return id;
  };
  user('admin', 'admin@bench.example', 'Bench Admin', locations[0]!.id);
  const firstDay = new Date(now);
  firstDay.setUTCHours(0, 0, 0, 0);
  firstDay.setUTCDate(firstDay.getUTCDate() - shape.days);
  const dueDate = new Date(now.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);

  for (let t = 0; t < shape.therapists; t++) {
    const location = locations[t % locations.length]!.id;
    const therapistId = user('therapist', therapistEmail(t), `Therapist ${t}`, location);
    for (let k = 0; k < shape.clientsPerTherapist; k++) {
      const index = t * shape.clientsPerTherapist + k;
      const userId = user('client', clientEmail(index), `Client ${index}`, location);
      const clientId = randomUUID();
      clients.push([clientId, clinicId, userId, 'America/Toronto', location, therapistId, created]);
      careTeam.push([clientId, therapistId, 1, created]);
      // Each client drifts one way on all goals: some improve, some are stuck, some worsen.
      const trend = rand() < 0.6 ? 1 : rand() < 0.5 ? 0 : -1;
      goalKinds.forEach((g, p) => {
        const measureId = randomUUID();
        const goalId = randomUUID();
        measures.push([measureId, clientId, g.name, g.kind, g.unit, g.better, created]);
        const sign = g.better === 'lower' ? -1 : 1;
        const drift = (sign * trend * g.start * 0.5) / shape.days;
        const target = g.better === 'lower' ? 2 : g.start * 3;
        goalRows.push([
          goalId,
          clientId,
          null,
          `${g.name}: goal ${p + 1}`,
          'Because it matters to me',
          'active',
          p + 1,
          measureId,
          g.start,
          target,
          dueDate,
          created,
          null,
          null,
          1,
          therapistId,
          created,
          created,
        ]);
        goals.push({
          id: goalId,
          clientIndex: index,
          clientId,
          clientUserId: userId,
          measureId,
          kind: g.kind,
          start: g.start,
          drift,
          noise: g.noise,
        });
      });
    }
  }

  return {
    shape,
    goals,
    firstDay,
    tables: [
      table(
        'clinics',
        ['id', 'name', 'settings', 'created_at'],
        [[clinicId, 'Bench Clinic Network', JSON.stringify(benchClinicSettings), created]],
      ),
      table(
        'locations',
        ['id', 'clinic_id', 'name', 'created_at'],
        locations.map((l) => [l.id, clinicId, l.name, created]),
      ),
      table(
        'users',
        ['id', 'clinic_id', 'email', 'name', 'role', 'password_hash', 'location_id'].concat([
          'disabled_at',
          'created_at',
        ]),
        users,
      ),
      table(
        'clients',
        ['id', 'clinic_id', 'user_id', 'time_zone', 'location_id', 'primary_therapist_id'].concat(
          'created_at',
        ),
        clients,
      ),
      table('care_team', ['client_id', 'user_id', 'is_primary', 'added_at'], careTeam),
      table(
        'measures',
        ['id', 'client_id', 'name', 'kind', 'unit', 'better', 'created_at'],
        measures,
      ),
      table(
        'goals',
        ['id', 'client_id', 'parent_id', 'title', 'why', 'status', 'priority', 'measure_id'].concat(
          ['baseline', 'target', 'due_date', 'target_set_at', 'gas_levels', 'gas_weight'],
          ['version', 'created_by', 'created_at', 'updated_at'],
        ),
        goalRows,
      ),
      questionnaires(shape, clients, firstDay, rand),
      alerts(clinicId, clients, now, rand),
    ],
  };
}

function table(name: string, columns: string[], rows: Row[]): Table {
  return { name, columns, rows };
}

function questionnaires(shape: Shape, clients: Row[], firstDay: Date, rand: () => number): Table {
  const rows: Row[] = [];
  for (const c of clients) {
    const [clientId, , userId] = c as [string, string, string];
    for (let d = 0; d < shape.days; d += shape.questionnaireEveryDays) {
      for (const [instrument, items] of [
        ['phq9', 9],
        ['gad7', 7],
      ] as const) {
        const answers = Array.from({ length: items }, () => Math.floor(rand() * 3));
        const total = answers.reduce((a, b) => a + b, 0);
        const at = new Date(firstDay.getTime() + d * 86_400_000 + 15 * 3_600_000).toISOString();
        const id = randomUUID();
        rows.push([
          id,
          clientId,
          instrument,
          JSON.stringify(answers),
          total,
          total >= 15 ? 'moderately severe' : total >= 10 ? 'moderate' : 'mild',
          instrument === 'phq9' && answers[8]! > 0 ? 1 : 0,
          at,
          `${at}|${id}`,
          userId,
        ]);
      }
    }
  }
  return table(
    'questionnaire_responses',
    ['id', 'client_id', 'instrument', 'answers', 'total', 'severity', 'risk_flag'].concat(
      'completed_at',
      'received_seq',
      'entered_by',
    ),
    rows,
  );
}

/** About one client in ten has an open silence alert and one in fifty an open risk alert. */
function alerts(clinicId: string, clients: Row[], now: Date, rand: () => number): Table {
  const rows: Row[] = [];
  const at = new Date(now.getTime() - 86_400_000).toISOString();
  for (const c of clients) {
    const [clientId, , , , , therapistId] = c as string[];
    for (const [kind, p, severity] of [
      ['silence', 0.1, 'low'],
      ['risk', 0.02, 'high'],
    ] as const) {
      if (rand() >= p) continue;
      const source = `client/${clientId}`;
      rows.push([
        randomUUID(),
        clinicId,
        clientId!,
        kind,
        severity,
        therapistId!,
        source,
        '{}',
        `${kind}|${source}`,
        at,
        null,
        null,
        null,
        null,
      ]);
    }
  }
  return table(
    'alerts',
    ['id', 'clinic_id', 'client_id', 'kind', 'severity', 'owner_id', 'source', 'detail'].concat(
      'open_key',
      'created_at',
      'acknowledged_at',
      'acknowledged_by',
      'ack_note',
      'escalated_at',
    ),
    rows,
  );
}

/**
 * A time-ordered (version 7) UUID. History is generated in time order, so its ids append to the
 * primary-key index instead of landing at random: the load is several times faster, and the
 * index is the same size. Live check-ins in the bench use random (v4) ids, as a phone would.
 */
function uuidV7(ms: number): string {
  const t = ms.toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${randomUUID().slice(15)}`;
}

/**
 * When check-ins arrive: between 11:00 and 16:59:59 UTC (the same local day in Toronto, whatever
 * the season), and one in `1 / noteShare` carries this note. Shared by both ways of making them
 * (`checkInDays` here, `check-in-sql.ts` in the databases).
 */
export const arrival = {
  fromHourUtc: 11,
  seconds: 6 * 3600,
  noteShare: 0.05,
  note: 'Felt better after the walk.',
};

export const checkInColumns = [
  'id',
  'client_id',
  'measure_id',
  'value',
  'at',
  'local_date',
  'received_at',
  'note',
  'entered_by',
  'body_hash',
] as const;

/**
 * Every check-in of the network, one day at a time, each day's goals in a fresh random order
 * (as they arrive in real life, so one caseload's rows are spread over the table, not packed
 * together). Rows are flat, `checkInColumns.length` values each, to feed multi-row INSERTs.
 */
export function* checkInDays(net: Network): Generator<Row> {
  const rand = prng(7);
  const { goals } = net;
  const order = goals.map((_, i) => i);
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let d = 0; d < net.shape.days; d++) {
    const dayMs = net.firstDay.getTime() + d * 86_400_000;
    const day = new Date(dayMs).toISOString().slice(0, 10);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const flat: Row = new Array(goals.length * checkInColumns.length);
    let o = 0;
    for (const gi of order) {
      const g = goals[gi]!;
      const sec = Math.floor(rand() * arrival.seconds);
      const minute = Math.floor(sec / 60);
      const second = sec % 60;
      const at = `${day}T${pad(arrival.fromHourUtc + Math.floor(minute / 60))}:${pad(minute % 60)}:${pad(second)}.000Z`;
      const raw = g.start + g.drift * d + (rand() - 0.5) * 2 * g.noise;
      const value =
        g.kind === 'scale'
          ? Math.min(10, Math.max(0, Math.round(raw)))
          : Math.max(0, Math.round(raw));
      const id = uuidV7(dayMs + (arrival.fromHourUtc * 3600 + sec) * 1000);
      const hash = id.replaceAll('-', '');
      flat[o++] = id;
      flat[o++] = g.clientId;
      flat[o++] = g.measureId;
      flat[o++] = value;
      flat[o++] = at;
      flat[o++] = day;
      flat[o++] = at;
      flat[o++] = rand() < arrival.noteShare ? arrival.note : null;
      flat[o++] = g.clientUserId;
      flat[o++] = hash + hash;
    }
    yield flat;
  }
}
