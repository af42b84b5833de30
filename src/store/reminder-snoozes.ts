import type { Kysely } from 'kysely';
import type { ReminderRecipient } from './reminders.ts';
import type { Database } from './schema.ts';

/**
 * Snoozing a reminder: it is marked read and hidden until `snoozed_until`, when the reminders
 * job brings it back unread — or drops it, when the thing was done or the day is over.
 */

/** Hide a reminder until `until`; the caller has checked it is the user's own reminder. */
export async function snoozeReminder(
  db: Kysely<Database>,
  id: string,
  until: Date,
  now: Date,
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: now.toISOString(), snoozed_until: until.toISOString() })
    .where('id', '=', id)
    .execute();
}

export interface DueSnooze {
  id: string;
  dedupeKey: string | null;
  recipient: ReminderRecipient;
}

/** Reminders whose snooze has ended, with their client's settings and time zone. */
export async function dueSnoozes(db: Kysely<Database>, now: Date): Promise<DueSnooze[]> {
  const rows = await db
    .selectFrom('notifications')
    .innerJoin('clients', 'clients.id', 'notifications.client_id')
    .leftJoin('reminder_settings', 'reminder_settings.client_id', 'clients.id')
    .select([
      'notifications.id',
      'notifications.dedupe_key',
      'clients.id as client_id',
      'clients.clinic_id',
      'clients.user_id',
      'clients.time_zone',
      'reminder_settings.settings',
    ])
    .where('notifications.snoozed_until', '<=', now.toISOString())
    .orderBy('notifications.snoozed_until')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    dedupeKey: r.dedupe_key,
    recipient: {
      clientId: r.client_id,
      clinicId: r.clinic_id,
      userId: r.user_id,
      timeZone: r.time_zone,
      settings: r.settings,
    },
  }));
}

/** End a snooze: back unread with fresh content, or (content null) left read for good. */
export async function endSnooze(
  db: Kysely<Database>,
  id: string,
  content: { title: string; body: string; link: string } | null,
): Promise<void> {
  await db
    .updateTable('notifications')
    .set(content ? { ...content, read_at: null, snoozed_until: null } : { snoozed_until: null })
    .where('id', '=', id)
    .execute();
}
