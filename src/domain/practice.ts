import { dayNumber, weekday } from './calendar.ts';
import { DomainError } from './errors.ts';

/**
 * Practices: recurring actions on a schedule, with adherence and streaks. Everything is in the
 * client's local dates ('YYYY-MM-DD', see calendar.ts), so a DST switch never makes a day vanish
 * or count twice. Rules here are Stepwise design decisions, not clinical formulas.
 */

export type PracticeSchedule =
  | { kind: 'daily' }
  | { kind: 'weekly'; timesPerWeek: number /* 1..7 */ }
  | { kind: 'weekdays'; days: number[] /* 0=Sun..6, sorted, no repeats */ };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const isDayOfWeek = (d: unknown): d is number =>
  Number.isInteger(d) && (d as number) >= 0 && (d as number) <= 6;

/**
 * Reads a schedule from untrusted input, keeping only its known fields; weekday lists come
 * back sorted without repeats. Throws DomainError('schedule…') naming the bad field.
 */
export function parseSchedule(x: unknown): PracticeSchedule {
  if (!isRecord(x)) throw new DomainError('schedule', 'Expected a schedule object.');
  switch (x.kind) {
    case 'daily':
      return { kind: 'daily' };
    case 'weekly': {
      const n = x.timesPerWeek;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 7) {
        throw new DomainError('schedule.timesPerWeek', 'Expected a whole number from 1 to 7.');
      }
      return { kind: 'weekly', timesPerWeek: n };
    }
    case 'weekdays': {
      const days = x.days;
      if (!Array.isArray(days) || days.length === 0) {
        throw new DomainError('schedule.days', 'Choose at least one day of the week.');
      }
      days.forEach((d: unknown, i) => {
        if (!isDayOfWeek(d)) {
          throw new DomainError(
            `schedule.days.${i}`,
            'Expected a day from 0 (Sunday) to 6 (Saturday).',
          );
        }
      });
      return { kind: 'weekdays', days: [...new Set(days as number[])].sort((a, b) => a - b) };
    }
    default:
      throw new DomainError('schedule.kind', "Expected 'daily', 'weekly' or 'weekdays'.");
  }
}

/** Day of the week (0 = Sunday) of day number `d`; day 0, 1970-01-01, was a Thursday. */
function dow(d: number): number {
  return (((d + 4) % 7) + 7) % 7;
}

/** Day number of the Monday starting the ISO week that holds day number `d`. */
function mondayOf(d: number): number {
  return d - ((dow(d) + 6) % 7);
}

function completionDays(completions: readonly string[]): Set<number> {
  return new Set(completions.map((c, i) => dayNumber(c, `completions.${i}`)));
}

/**
 * Whether the practice asks for a completion on `date` (done or not — pair with the day's
 * completions for a tick): daily, every day; weekdays, on its days; weekly, while fewer than
 * `timesPerWeek` distinct days of that ISO week (Monday–Sunday) before `date` are completed.
 */
export function isDue(
  schedule: PracticeSchedule,
  date: string,
  completions: readonly string[] = [],
): boolean {
  const day = dayNumber(date);
  switch (schedule.kind) {
    case 'daily':
      return true;
    case 'weekdays':
      return schedule.days.includes(weekday(date));
    case 'weekly': {
      const monday = mondayOf(day);
      let done = 0;
      for (const c of completionDays(completions)) if (c >= monday && c < day) done++;
      return done < schedule.timesPerWeek;
    }
  }
}

interface PracticeHistory {
  schedule: PracticeSchedule;
  /** local dates, may repeat */
  completions: readonly string[];
  today: string;
  /** the practice started; days before don't count */
  startDate: string;
}

/**
 * Percent (0–100, whole) of the expected occurrences met in the last `windowDays` local days,
 * today included, from `startDate` on; null when nothing was expected yet. Today counts only
 * once it is done — the day is not over. Daily and weekdays: each scheduled day is one
 * occurrence, met by any completion that day (completions on other days don't count). Weekly:
 * the window is cut into 7-day blocks ending today; a block expects `timesPerWeek`, prorated
 * by its days that count, and is met by its distinct completed days, capped at what it expects.
 */
export function adherence(p: PracticeHistory & { windowDays: 7 | 28 }): number | null {
  if (p.windowDays !== 7 && p.windowDays !== 28) {
    throw new DomainError('windowDays', 'Expected 7 or 28.');
  }
  const today = dayNumber(p.today, 'today');
  const start = dayNumber(p.startDate, 'startDate');
  const done = completionDays(p.completions);
  const counts = (d: number): boolean => d >= start && d <= today && (d < today || done.has(d));
  let expected = 0;
  let met = 0;
  const s = p.schedule;
  for (let blockEnd = today; blockEnd > today - p.windowDays; blockEnd -= 7) {
    const days: number[] = [];
    for (let d = blockEnd - 6; d <= blockEnd; d++) if (counts(d)) days.push(d);
    if (s.kind === 'weekly') {
      const exp = (s.timesPerWeek * days.length) / 7;
      expected += exp;
      met += Math.min(days.filter((d) => done.has(d)).length, exp);
    } else {
      const scheduled = s.kind === 'daily' ? days : days.filter((d) => s.days.includes(dow(d)));
      expected += scheduled.length;
      met += scheduled.filter((d) => done.has(d)).length;
    }
  }
  return expected === 0 ? null : Math.round((100 * met) / expected);
}

/**
 * Current and best streaks, from `startDate` to `today`. Daily and weekdays: consecutive
 * scheduled days completed (other days neither break nor extend a streak). Weekly: consecutive
 * ISO weeks (Monday–Sunday) with at least `timesPerWeek` distinct completed days; the first week
 * asks only for as many as the days it has left from `startDate`. Today (or this week) not yet
 * done does not break the current streak; once done, it extends it.
 */
export function streaks(p: PracticeHistory): { current: number; best: number } {
  const today = dayNumber(p.today, 'today');
  const start = dayNumber(p.startDate, 'startDate');
  const done = completionDays(p.completions);
  const s = p.schedule;
  let run = 0;
  let best = 0;
  if (s.kind === 'weekly') {
    for (let monday = mondayOf(start); monday <= today; monday += 7) {
      const from = Math.max(monday, start);
      let count = 0;
      for (let d = from; d < monday + 7 && d <= today; d++) if (done.has(d)) count++;
      const needed = Math.min(s.timesPerWeek, monday + 7 - from);
      if (count >= needed) run++;
      else if (monday + 7 <= today) run = 0; // a finished week fell short
      best = Math.max(best, run);
    }
  } else {
    for (let d = start; d <= today; d++) {
      if (s.kind === 'weekdays' && !s.days.includes(dow(d))) continue;
      if (done.has(d)) run++;
      else if (d < today) run = 0;
      best = Math.max(best, run);
    }
  }
  return { current: run, best };
}
