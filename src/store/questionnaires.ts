import type { QuestionnaireScheduleRule } from '../domain/questionnaire-schedule.ts';
import type { Kysely, Selectable } from 'kysely';
import { responseNotWithheld, type Viewer } from './consent.ts';
import type { Database, QuestionnaireResponseTable, QuestionnaireScheduleTable } from './schema.ts';

export type ResponseRow = Selectable<QuestionnaireResponseTable>;
export type ScheduleRow = Selectable<QuestionnaireScheduleTable>;
export type InstrumentKey = QuestionnaireResponseTable['instrument'];

/**
 * The `received_seq` of a new response: when it arrived, then how many of the client's
 * responses came before (so two in the same millisecond still keep their order), then its id.
 */
export async function nextReceivedSeq(
  trx: Kysely<Database>,
  clientId: string,
  id: string,
  now: Date,
): Promise<string> {
  const { n } = await trx
    .selectFrom('questionnaire_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
  return `${now.toISOString()}|${String(Number(n)).padStart(10, '0')}|${id}`;
}

export async function insertResponse(trx: Kysely<Database>, row: ResponseRow): Promise<void> {
  await trx.insertInto('questionnaire_responses').values(row).execute();
}

/** A client's responses the viewer may see (`responsesOf`) — every read of responses starts here. */
function responsesOf(db: Kysely<Database>, viewer: Viewer, clientId: string) {
  return db
    .selectFrom('questionnaire_responses')
    .where('questionnaire_responses.client_id', '=', clientId)
    .where(responseNotWithheld(viewer));
}

/** A client's responses, oldest first by completion (ties: the order received). */
export function listResponses(
  db: Kysely<Database>,
  viewer: Viewer,
  clientId: string,
  instrument?: InstrumentKey,
): Promise<ResponseRow[]> {
  let q = responsesOf(db, viewer, clientId).selectAll();
  if (instrument) q = q.where('instrument', '=', instrument);
  return q.orderBy('completed_at').orderBy('received_seq').execute();
}

/** First and latest response of one instrument by completion (ties: order received), and how many. */
export async function firstAndLatest(
  db: Kysely<Database>,
  viewer: Viewer,
  clientId: string,
  instrument: InstrumentKey,
): Promise<{ first: ResponseRow; latest: ResponseRow; count: number } | undefined> {
  const base = responsesOf(db, viewer, clientId).selectAll().where('instrument', '=', instrument);
  const [first, latest, counted] = await Promise.all([
    base.orderBy('completed_at').orderBy('received_seq').limit(1).executeTakeFirst(),
    base
      .orderBy('completed_at', 'desc')
      .orderBy('received_seq', 'desc')
      .limit(1)
      .executeTakeFirst(),
    responsesOf(db, viewer, clientId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('instrument', '=', instrument)
      .executeTakeFirstOrThrow(),
  ]);
  return first && latest ? { first, latest, count: Number(counted.n) } : undefined;
}

/** The latest `completed_at` of each instrument the client has answered. */
export async function lastCompleted(
  db: Kysely<Database>,
  viewer: Viewer,
  clientId: string,
): Promise<Map<InstrumentKey, string>> {
  const rows = await responsesOf(db, viewer, clientId)
    .select(['instrument', (eb) => eb.fn.max('completed_at').as('last')])
    .groupBy('instrument')
    .execute();
  return new Map(rows.map((r) => [r.instrument, String(r.last)]));
}

export function listSchedules(db: Kysely<Database>, clientId: string): Promise<ScheduleRow[]> {
  return db
    .selectFrom('questionnaire_schedules')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('instrument')
    .execute();
}

/** One schedule per (client, instrument): create it, or replace its rule. */
export async function upsertSchedule(trx: Kysely<Database>, row: ScheduleRow): Promise<void> {
  await trx
    .insertInto('questionnaire_schedules')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['client_id', 'instrument']).doUpdateSet({
        kind: row.kind,
        every_days: row.every_days,
        days_before: row.days_before,
        start_date: row.start_date,
        active: row.active,
      }),
    )
    .execute();
}

/** The domain's rule for a stored schedule. */
export function scheduleRule(r: ScheduleRow): QuestionnaireScheduleRule {
  const active = r.active === 1;
  return r.kind === 'every'
    ? { kind: 'every', everyDays: r.every_days, startDate: r.start_date, active }
    : { kind: 'before-session', daysBefore: r.days_before ?? 0, active };
}
