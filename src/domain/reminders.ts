import { localClock } from './calendar.ts';

/**
 * When Stepwise reaches out to a client (a Stepwise design decision): each kind of reminder at
 * a wall-clock time of the client's own time zone, never inside their quiet hours, once per
 * local day, and only while the thing is still undone.
 */

/** `HH:MM`, 24-hour, the client's wall clock. */
export type WallTime = string;

export interface ReminderRule {
  enabled: boolean;
  time: WallTime;
}

export interface ReminderSettings {
  /** Where reminders and summaries go: the in-app list, e-mail (content-free), or both. */
  channels: { inApp: boolean; email: boolean };
  checkIn: ReminderRule;
  practices: ReminderRule;
  /** Steps due today or tomorrow. */
  steps: ReminderRule;
  questionnaires: ReminderRule;
  /** The weekly summary, on `weekday` (0 = Sunday … 6 = Saturday). */
  weeklySummary: ReminderRule & { weekday: number };
  /** No reminder is sent from `start` until `end` (it may span midnight); null = none. */
  quietHours: { start: WallTime; end: WallTime } | null;
}

export type ReminderKind = 'checkIn' | 'practices' | 'steps' | 'questionnaires';
export const reminderKinds: readonly ReminderKind[] = [
  'checkIn',
  'practices',
  'steps',
  'questionnaires',
];

/** What a clinic starts with until an admin sets its own defaults. */
export const defaultReminderSettings: ReminderSettings = {
  channels: { inApp: true, email: false },
  checkIn: { enabled: true, time: '19:00' },
  practices: { enabled: true, time: '09:00' },
  steps: { enabled: true, time: '09:00' },
  questionnaires: { enabled: true, time: '09:00' },
  weeklySummary: { enabled: true, weekday: 0, time: '18:00' },
  quietHours: { start: '21:30', end: '08:00' },
};

/** Minutes since midnight of an `HH:MM` wall time. */
export function wallMinutes(time: WallTime): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whether wall minute `minutes` falls inside quiet hours `[start, end)`, wrapping midnight. */
export function inQuietHours(minutes: number, quiet: ReminderSettings['quietHours']): boolean {
  if (quiet === null) return false;
  const start = wallMinutes(quiet.start);
  const end = wallMinutes(quiet.end);
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/**
 * Is a reminder at `rule.time` due at `now` in `timeZone`? It is from its time until the end of
 * the client's day, except within quiet hours (a reminder that falls in them waits until they
 * end, the same day). Returns the local day it is for, or null.
 */
export function reminderDueOn(
  rule: ReminderRule,
  settings: Pick<ReminderSettings, 'quietHours'>,
  now: Date,
  timeZone: string,
): string | null {
  if (!rule.enabled) return null;
  const clock = localClock(now, timeZone);
  if (clock.minutes < wallMinutes(rule.time)) return null;
  if (inQuietHours(clock.minutes, settings.quietHours)) return null;
  return clock.date;
}
