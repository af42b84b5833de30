import type { Kysely } from 'kysely';
import { addDays, localDate, startOfIsoWeek } from '../domain/calendar.ts';
import { isDue, parseSchedule } from '../domain/practice.ts';
import { questionnaireDue } from '../domain/questionnaire-schedule.ts';
import type { ReminderSettings } from '../domain/reminders.ts';
import { listClinicSettings } from './clinic-settings.ts';
import { lastCompleted, listSchedules, scheduleRule } from './questionnaires.ts';
import { sessionDatesFrom } from './therapy-sessions.ts';
import type { Database } from './schema.ts';

/** A client's own reminder settings, or undefined when they still follow the clinic's. */
export async function storedReminderSettings(
  db: Kysely<Database>,
  clientId: string,
): Promise<ReminderSettings | undefined> {
  const row = await db
    .selectFrom('reminder_settings')
    .select('settings')
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.settings) as ReminderSettings) : undefined;
}

export async function saveReminderSettings(
  trx: Kysely<Database>,
  clientId: string,
  settings: ReminderSettings,
  now: Date,
): Promise<void> {
  const json = JSON.stringify(settings);
  const at = now.toISOString();
  await trx
    .insertInto('reminder_settings')
    .values({ client_id: clientId, settings: json, updated_at: at })
    .onConflict((oc) => oc.column('client_id').doUpdateSet({ settings: json, updated_at: at }))
    .execute();
}

export interface ReminderRecipient {
  clientId: string;
  clinicId: string;
  userId: string;
  timeZone: string;
  /** The client's own settings (JSON), or null for the clinic's defaults. */
  settings: string | null;
}

/** Clients with a working account, in pages by id. */
export async function reminderRecipients(
  db: Kysely<Database>,
  after: string,
  limit: number,
): Promise<ReminderRecipient[]> {
  const rows = await db
    .selectFrom('clients')
    .innerJoin('users', 'users.id', 'clients.user_id')
    .leftJoin('reminder_settings', 'reminder_settings.client_id', 'clients.id')
    .select([
      'clients.id',
      'clients.clinic_id',
      'clients.user_id',
      'clients.time_zone',
      'reminder_settings.settings',
    ])
    .where('users.disabled_at', 'is', null)
    .where('clients.id', '>', after)
    .orderBy('clients.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    clientId: r.id,
    clinicId: r.clinic_id,
    userId: r.user_id,
    timeZone: r.time_zone,
    settings: r.settings,
  }));
}

/** Which of these dedupe keys were already used (a reminder already sent that day). */
export async function usedKeys(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('notifications')
    .select('dedupe_key')
    .where('dedupe_key', 'in', keys)
    .execute();
  return new Set(rows.map((r) => r.dedupe_key!));
}

/** Is a daily check-in expected (an active goal with a measure) and not yet made on `date`? */
export async function checkInOutstanding(
  db: Kysely<Database>,
  clientId: string,
  date: string,
): Promise<boolean> {
  const measured = await db
    .selectFrom('goals')
    .select('id')
    .where('client_id', '=', clientId)
    .where('status', '=', 'active')
    .where('measure_id', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  if (!measured) return false;
  const done = await db
    .selectFrom('check_ins')
    .select('id')
    .where('client_id', '=', clientId)
    .where('local_date', '=', date)
    .limit(1)
    .executeTakeFirst();
  return !done;
}

export interface DueThing {
  title: string;
  goalId: string;
}

/** Active practices of active goals that ask for a completion on `date` and have none. */
export async function practicesOutstanding(
  db: Kysely<Database>,
  clientId: string,
  date: string,
): Promise<DueThing[]> {
  const practices = await db
    .selectFrom('practices')
    .innerJoin('goals', 'goals.id', 'practices.goal_id')
    .select(['practices.id', 'practices.title', 'practices.schedule', 'practices.goal_id'])
    .where('goals.client_id', '=', clientId)
    .where('goals.status', '=', 'active')
    .where('practices.status', '=', 'active')
    .where('practices.start_date', '<=', date)
    .orderBy('practices.created_at')
    .execute();
  if (practices.length === 0) return [];
  const completions = await db
    .selectFrom('practice_completions')
    .select(['practice_id', 'local_date'])
    .where(
      'practice_id',
      'in',
      practices.map((p) => p.id),
    )
    .where('local_date', '>=', startOfIsoWeek(date))
    .where('local_date', '<=', date)
    .execute();
  return practices
    .filter((p) => {
      const days = completions.filter((c) => c.practice_id === p.id).map((c) => c.local_date);
      return !days.includes(date) && isDue(parseSchedule(JSON.parse(p.schedule)), date, days);
    })
    .map((p) => ({ title: p.title, goalId: p.goal_id }));
}

/** Open steps of the client's live goals due on `date` or the day after. */
export async function stepsOutstanding(
  db: Kysely<Database>,
  clientId: string,
  date: string,
): Promise<(DueThing & { dueDate: string })[]> {
  const rows = await db
    .selectFrom('steps')
    .innerJoin('goals', 'goals.id', 'steps.goal_id')
    .select(['steps.title', 'steps.goal_id', 'steps.due_date'])
    .where('goals.client_id', '=', clientId)
    .where('goals.status', 'in', ['active', 'proposed'])
    .where('steps.done_at', 'is', null)
    .where('steps.removed', '=', 0)
    .where('steps.due_date', '>=', date)
    .where('steps.due_date', '<=', addDays(date, 1))
    .orderBy('steps.due_date')
    .orderBy('steps.position')
    .execute();
  return rows.map((r) => ({ title: r.title, goalId: r.goal_id, dueDate: r.due_date! }));
}

/** Instruments whose schedule makes them due on `date` (the client's day). */
export async function questionnairesOutstanding(
  db: Kysely<Database>,
  clientId: string,
  date: string,
  timeZone: string,
): Promise<string[]> {
  const schedules = await listSchedules(db, clientId);
  if (!schedules.some((s) => s.active)) return [];
  const last = await lastCompleted(db, 'system', clientId);
  const sessions = await sessionDatesFrom(db, clientId, date);
  return schedules
    .filter((s) => {
      const at = last.get(s.instrument);
      const lastDate = at === undefined ? null : localDate(at, timeZone);
      return questionnaireDue(scheduleRule(s), date, lastDate, sessions).due;
    })
    .map((s) => s.instrument);
}

/** Practice completions and distinct check-in days of the client from `from` to `to` (local days). */
export async function weekActivity(
  db: Kysely<Database>,
  clientId: string,
  from: string,
  to: string,
): Promise<{ practicesDone: number; checkInDays: number }> {
  const done = await db
    .selectFrom('practice_completions')
    .innerJoin('practices', 'practices.id', 'practice_completions.practice_id')
    .innerJoin('goals', 'goals.id', 'practices.goal_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('goals.client_id', '=', clientId)
    .where('practice_completions.local_date', '>=', from)
    .where('practice_completions.local_date', '<=', to)
    .executeTakeFirstOrThrow();
  const days = await db
    .selectFrom('check_ins')
    .select((eb) => eb.fn.count<number>('local_date').distinct().as('n'))
    .where('client_id', '=', clientId)
    .where('local_date', '>=', from)
    .where('local_date', '<=', to)
    .executeTakeFirstOrThrow();
  return { practicesDone: Number(done.n), checkInDays: Number(days.n) };
}

/** Every clinic's default reminder settings, by clinic id. */
export async function reminderDefaultsByClinic(
  db: Kysely<Database>,
): Promise<Map<string, ReminderSettings>> {
  return new Map(
    (await listClinicSettings(db)).map((c) => [c.clinicId, c.settings.reminderDefaults]),
  );
}

/** All reminder recipients, a page at a time, so a run's memory does not grow with the clinic. */
export async function* recipientPages(
  db: Kysely<Database>,
  pageSize: number,
): AsyncGenerator<ReminderRecipient[]> {
  let after = '';
  for (;;) {
    const page = await reminderRecipients(db, after, pageSize);
    if (page.length === 0) return;
    after = page.at(-1)!.clientId;
    yield page;
  }
}
