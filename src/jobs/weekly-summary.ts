import { addDays, weekday } from '../domain/calendar.ts';
import { reminderDueOn, type ReminderSettings } from '../domain/reminders.ts';
import { weeklySummary, type WeekSummary } from '../domain/weekly-summary.ts';
import { computeGoalProgress } from '../services/progress.ts';
import { goalViews } from '../services/goal-views.ts';
import type { Db } from '../store/db.ts';
import { listGoals } from '../store/goals.ts';
import {
  recipientPages,
  reminderDefaultsByClinic,
  usedKeys,
  weekActivity,
  type ReminderRecipient,
} from '../store/reminders.ts';
import type { Actor } from '../store/scope.ts';
import { minuteMs, type Job } from './job.ts';
import { sendClientMessages, type ClientMessage } from './client-messages.ts';
import { settingsOf } from './reminders.ts';

const pageSize = 200;

export const summaryKey = (clientId: string, date: string) => `weekly-summary/${clientId}/${date}`;

/** The week up to `date` as the client sees it: their own active goals and practices. */
export async function summarizeWeek(
  db: Db,
  r: ReminderRecipient,
  date: string,
  now: Date,
): Promise<WeekSummary> {
  // The client's own view of their record, so nothing reaches the summary they could not see.
  const actor: Actor = {
    userId: r.userId,
    clinicId: r.clinicId,
    role: 'client',
    name: '',
    email: '',
    clientId: r.clientId,
  };
  const goals = (await listGoals(db, actor, r.clientId)).filter((g) => g.status === 'active');
  const views = await goalViews(db, actor, goals, now);
  const trends = [];
  for (const g of goals) {
    if (g.measure_id === null) continue;
    const { progress } = await computeGoalProgress(db, g, now);
    trends.push({ title: g.title, trend: progress.trend.direction });
  }
  const activity = await weekActivity(db, r.clientId, addDays(date, -6), date);
  return weeklySummary({
    ...activity,
    practices: views.flatMap((v) =>
      v.practices
        .filter((p) => p.status === 'active')
        .map((p) => ({ title: p.title, streak: p.streak.current })),
    ),
    goals: trends,
  });
}

/**
 * Each client's weekly summary, in-app (and a content-free e-mail when they chose e-mail), on
 * their chosen weekday and time in their own time zone, outside quiet hours, once a week.
 */
export const weeklySummaryJob: Job = {
  name: 'weekly-summary',
  everyMs: 5 * minuteMs,
  async run({ store, now }) {
    const defaults = await reminderDefaultsByClinic(store.db);
    let sent = 0;
    for await (const page of recipientPages(store.db, pageSize)) {
      const due: { r: ReminderRecipient; s: ReminderSettings; date: string }[] = [];
      for (const r of page) {
        const s = settingsOf(r, defaults);
        if (!s || (!s.channels.inApp && !s.channels.email)) continue;
        const date = reminderDueOn(s.weeklySummary, s, now, r.timeZone);
        if (date !== null && weekday(date) === s.weeklySummary.weekday) due.push({ r, s, date });
      }
      const used = await usedKeys(
        store.db,
        due.map((d) => summaryKey(d.r.clientId, d.date)),
      );
      const fresh = due.filter((d) => !used.has(summaryKey(d.r.clientId, d.date)));
      const messages: ClientMessage[] = [];
      for (const d of fresh) {
        const summary = await summarizeWeek(store.db, d.r, d.date, now);
        messages.push({
          r: d.r,
          s: d.s,
          kind: 'weekly-summary',
          dedupeKey: summaryKey(d.r.clientId, d.date),
          content: {
            title: summary.title,
            body: [...summary.lines, '', summary.encouragement].join('\n'),
            link: '/',
          },
          email: { template: 'weekly-summary' },
        });
      }
      sent += await sendClientMessages(store, messages, now);
    }
    return { sent };
  },
};
