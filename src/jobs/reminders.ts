import { localClock } from '../domain/calendar.ts';
import {
  inQuietHours,
  reminderDueOn,
  reminderKinds,
  type ReminderKind,
  type ReminderSettings,
} from '../domain/reminders.ts';
import { recordAudit } from '../store/audit.ts';
import { enqueueEmail } from '../store/outbox.ts';
import { dueSnoozes, endSnooze } from '../store/reminder-snoozes.ts';
import {
  recipientPages,
  reminderDefaultsByClinic,
  usedKeys,
  type ReminderRecipient,
} from '../store/reminders.ts';
import type { Store } from '../store/db.ts';
import { minuteMs, type Job } from './job.ts';
import { sendClientMessages } from './client-messages.ts';
import { reminderContent, type ReminderContent } from './reminder-content.ts';
import { systemAudit } from './system.ts';

const pageSize = 500;

/** One reminder per kind, client and local day: the key that makes a re-run send nothing twice. */
export const reminderKey = (kind: ReminderKind, clientId: string, date: string) =>
  `reminder/${kind}/${clientId}/${date}`;

function parseKey(key: string): { kind: ReminderKind; clientId: string; date: string } | null {
  const [, kind, clientId, date] = key.split('/');
  if (!kind || !clientId || !date || !reminderKinds.includes(kind as ReminderKind)) return null;
  return { kind: kind as ReminderKind, clientId, date };
}

/**
 * Reminders in each client's own time zone (domain/reminders.ts): at the chosen time, outside
 * quiet hours, once per local day per kind, and only for what is still undone when the job
 * looks. A snoozed reminder comes back, unread, when its snooze ends — if still undone that day.
 */
export const remindersJob: Job = {
  name: 'reminders',
  everyMs: 5 * minuteMs,
  async run({ store, now }) {
    const defaults = await reminderDefaultsByClinic(store.db);
    let sent = 0;
    for await (const page of recipientPages(store.db, pageSize))
      sent += await remindPage(store, page, defaults, now);
    const resurfaced = await resurfaceSnoozed(store, defaults, now);
    return { sent, resurfaced };
  },
};

/** The client's own reminder settings, else their clinic's defaults. */
export function settingsOf(
  r: ReminderRecipient,
  defaults: Map<string, ReminderSettings>,
): ReminderSettings | undefined {
  return r.settings !== null
    ? (JSON.parse(r.settings) as ReminderSettings)
    : defaults.get(r.clinicId);
}

async function remindPage(
  store: Store,
  page: readonly ReminderRecipient[],
  defaults: Map<string, ReminderSettings>,
  now: Date,
): Promise<number> {
  type Due = { r: ReminderRecipient; s: ReminderSettings; kind: ReminderKind; date: string };
  const due: Due[] = [];
  for (const r of page) {
    const s = settingsOf(r, defaults);
    if (!s || (!s.channels.inApp && !s.channels.email)) continue;
    for (const kind of reminderKinds) {
      const date = reminderDueOn(s[kind], s, now, r.timeZone);
      if (date !== null) due.push({ r, s, kind, date });
    }
  }
  const used = await usedKeys(
    store.db,
    due.map((d) => reminderKey(d.kind, d.r.clientId, d.date)),
  );
  const toSend: (Due & { content: ReminderContent })[] = [];
  for (const d of due) {
    if (used.has(reminderKey(d.kind, d.r.clientId, d.date))) continue;
    const content = await reminderContent(store.db, d.r, d.kind, d.date);
    if (content) toSend.push({ ...d, content });
  }
  return sendClientMessages(
    store,
    toSend.map((d) => ({
      r: d.r,
      s: d.s,
      kind: 'reminder',
      dedupeKey: reminderKey(d.kind, d.r.clientId, d.date),
      content: d.content,
      email: { template: 'reminder' },
    })),
    now,
  );
}

async function resurfaceSnoozed(
  store: Store,
  defaults: Map<string, ReminderSettings>,
  now: Date,
): Promise<number> {
  let resurfaced = 0;
  for (const n of await dueSnoozes(store.db, now)) {
    const key = n.dedupeKey === null ? null : parseKey(n.dedupeKey);
    const s = settingsOf(n.recipient, defaults);
    if (!key || !s) {
      await endSnooze(store.db, n.id, null);
      continue;
    }
    const clock = localClock(now, n.recipient.timeZone);
    if (inQuietHours(clock.minutes, s.quietHours) && clock.date === key.date) continue;
    // The day is over, or the thing is done: the reminder is dropped, not brought back.
    const content =
      clock.date === key.date
        ? await reminderContent(store.db, n.recipient, key.kind, key.date)
        : null;
    await store.db.transaction().execute(async (trx) => {
      await endSnooze(trx, n.id, content);
      if (content === null) return;
      if (s.channels.email)
        await enqueueEmail(
          trx,
          { clinicId: n.recipient.clinicId, userId: n.recipient.userId },
          { template: 'reminder' },
          now,
        );
      await recordAudit(trx, store.dialect, systemAudit(now), [
        {
          action: 'reminder.resurface',
          clientId: n.recipient.clientId,
          resource: `notification/${n.id}`,
        },
      ]);
      resurfaced++;
    });
  }
  return resurfaced;
}
