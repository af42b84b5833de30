import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.ts';

/** What `stepwise demo` left in a database, per client and in all, for tests to compare. */
export async function demoCensus(db: Kysely<Database>) {
  const clients = await db
    .selectFrom('clients')
    .innerJoin('users', 'users.id', 'clients.user_id')
    .select(['clients.id', 'users.email'])
    .orderBy('users.email')
    .execute();
  const perClient = [];
  for (const c of clients) {
    const n = async (
      table: 'goals' | 'check_ins' | 'journal_entries' | 'questionnaire_responses',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('client_id', '=', c.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const span = await db
      .selectFrom('check_ins')
      .select((eb) => [eb.fn.min('at').as('first'), eb.fn.max('at').as('last')])
      .where('client_id', '=', c.id)
      .executeTakeFirstOrThrow();
    const shared = await db
      .selectFrom('journal_entries')
      .select('visibility')
      .where('client_id', '=', c.id)
      .execute();
    const measures = await db
      .selectFrom('goals')
      .innerJoin('check_ins', 'check_ins.measure_id', 'goals.measure_id')
      .select(['goals.id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('goals.client_id', '=', c.id)
      .groupBy('goals.id')
      .execute();
    const completions = await db
      .selectFrom('practice_completions')
      .innerJoin('practices', 'practices.id', 'practice_completions.practice_id')
      .innerJoin('goals', 'goals.id', 'practices.goal_id')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('local_date').as('first')])
      .where('goals.client_id', '=', c.id)
      .executeTakeFirstOrThrow();
    perClient.push({
      email: c.email,
      goals: await n('goals'),
      checkIns: await n('check_ins'),
      checkInsPerGoal: measures.map((m) => Number(m.n)).sort((a, b) => a - b),
      firstCheckIn: span.first,
      lastCheckIn: span.last,
      questionnaires: await n('questionnaire_responses'),
      journal: {
        private: shared.filter((s) => s.visibility === 'private').length,
        shared: shared.filter((s) => s.visibility === 'shared').length,
      },
      completions: Number(completions.n),
      firstCompletion: completions.first,
    });
  }
  const total = async (
    table: 'revisions' | 'comments' | 'gas_ratings' | 'steps' | 'practices' | 'audit_events',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const alerts = await db
    .selectFrom('alerts')
    .select(['kind', 'source', 'acknowledged_at'])
    .orderBy('kind')
    .orderBy('source')
    .execute();
  const revisedWithReason = await db
    .selectFrom('revisions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reason', 'is not', null)
    .executeTakeFirstOrThrow();
  const stepsDone = await db
    .selectFrom('steps')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('done_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    clients: perClient,
    revisions: await total('revisions'),
    revisedWithReason: Number(revisedWithReason.n),
    comments: await total('comments'),
    gasRatings: await total('gas_ratings'),
    steps: await total('steps'),
    stepsDone: Number(stepsDone.n),
    practices: await total('practices'),
    alerts: alerts.map((a) => ({
      kind: a.kind,
      source: a.source,
      open: a.acknowledged_at === null,
    })),
  };
}

export type DemoCensus = Awaited<ReturnType<typeof demoCensus>>;

/** The answers of the questionnaire behind each open risk alert. */
export async function riskAnswers(db: Kysely<Database>): Promise<number[][]> {
  const alerts = await db
    .selectFrom('alerts')
    .select('source')
    .where('kind', '=', 'risk')
    .where('acknowledged_at', 'is', null)
    .execute();
  const answers: number[][] = [];
  for (const a of alerts) {
    const q = await db
      .selectFrom('questionnaire_responses')
      .select('answers')
      .where('id', '=', a.source.replace(/^questionnaire\//, ''))
      .executeTakeFirst();
    if (q) answers.push(JSON.parse(q.answers) as number[]);
  }
  return answers;
}

const dayMs = 86_400_000;

/** The demo's promises: 2–4 goals each, six months of data on each story, one open risk alert. */
export function expectDemoStories(census: DemoCensus, now: Date): void {
  const clients = census.clients.filter((c) => c.email.endsWith('@insight.example'));
  expect(clients.map((c) => c.email.split('@')[0])).toEqual([
    'alex',
    'casey',
    'jordan',
    'robin',
    'sam',
  ]);
  const ago = (iso: string | null | undefined) => (now.getTime() - Date.parse(iso!)) / dayMs;
  for (const c of clients) {
    const label = c.email;
    expect(c.goals, label).toBeGreaterThanOrEqual(2);
    expect(c.goals, label).toBeLessThanOrEqual(4);
    expect(c.checkInsPerGoal.length, label).toBe(c.goals);
    expect(c.checkInsPerGoal[0], label).toBeGreaterThanOrEqual(60); // daily-ish, months long
    expect(ago(c.firstCheckIn), label).toBeGreaterThan(170);
    expect(ago(c.firstCheckIn), label).toBeLessThan(185);
    expect(c.questionnaires, label).toBeGreaterThanOrEqual(20); // PHQ-9 and GAD-7 every 2 weeks
    expect(c.journal.private, label).toBeGreaterThan(0);
    expect(c.journal.shared, label).toBeGreaterThan(0);
    expect(c.completions, label).toBeGreaterThan(50);
    if (c.email.startsWith('robin')) expect(ago(c.lastCheckIn), label).toBeGreaterThan(10);
    else expect(ago(c.lastCheckIn), label).toBeLessThan(2);
  }
  expect(census.revisedWithReason).toBeGreaterThanOrEqual(3);
  expect(census.comments).toBeGreaterThanOrEqual(10);
  expect(census.gasRatings).toBeGreaterThan(20);
  expect(census.stepsDone).toBeGreaterThan(5);
  expect(census.stepsDone).toBeLessThan(census.steps);
  const open = census.alerts.filter((a) => a.open);
  expect(open.filter((a) => a.kind === 'risk')).toHaveLength(1);
  expect(open.map((a) => a.kind)).toEqual(expect.arrayContaining(['silence', 'off-track']));
}
