import { dayNumber, fromDayNumber, weekday } from './calendar.ts';
import { DomainError } from './errors.ts';
import type { PracticeSchedule } from './practice.ts';

export interface PeriodAdherence {
  /** Occurrences the schedule asked for in the period (weekly: prorated, 2 decimals). */
  expected: number;
  /** Occurrences met, capped per week at what the week asked for. */
  done: number;
  /** 100 · done / expected, whole; null when nothing was expected. */
  percent: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Adherence of a practice over a report period [from, to] (the client's local dates, both
 * included), counted from the practice's start. The same rules as `adherence` in practice.ts,
 * over any span instead of the last 7 or 28 days: daily and weekdays, each scheduled day is one
 * occurrence met by a completion that day; weekly, each ISO week (Monday–Sunday) expects
 * `timesPerWeek` prorated by its days inside the period, met by its distinct completed days up
 * to that. A Stepwise design decision, like the rules it follows.
 */
export function periodAdherence(p: {
  schedule: PracticeSchedule;
  completions: readonly string[];
  startDate: string;
  from: string;
  to: string;
}): PeriodAdherence {
  const first = Math.max(dayNumber(p.from, 'from'), dayNumber(p.startDate, 'startDate'));
  const last = dayNumber(p.to, 'to');
  if (dayNumber(p.from, 'from') > last) throw new DomainError('from', 'from must not be after to.');
  const done = new Set(p.completions.map((c, i) => dayNumber(c, `completions.${i}`)));
  const s = p.schedule;
  let expected = 0;
  let met = 0;
  if (s.kind === 'weekly') {
    const byWeek = new Map<number, { days: number; done: number }>();
    for (let d = first; d <= last; d++) {
      const monday = d - ((weekday(fromDayNumber(d)) + 6) % 7);
      const w = byWeek.get(monday) ?? { days: 0, done: 0 };
      w.days++;
      if (done.has(d)) w.done++;
      byWeek.set(monday, w);
    }
    for (const w of byWeek.values()) {
      const exp = (s.timesPerWeek * w.days) / 7;
      expected += exp;
      met += Math.min(w.done, exp);
    }
  } else {
    for (let d = first; d <= last; d++) {
      if (s.kind === 'weekdays' && !s.days.includes(weekday(fromDayNumber(d)))) continue;
      expected++;
      if (done.has(d)) met++;
    }
  }
  return {
    expected: round2(expected),
    done: round2(met),
    percent: expected === 0 ? null : Math.round((100 * met) / expected),
  };
}
