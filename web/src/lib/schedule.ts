import { t } from '../i18n/index.ts';

type Schedule =
  | { kind: 'daily' }
  | { kind: 'weekly'; timesPerWeek: number }
  | { kind: 'weekdays'; days: number[] };

function asSchedule(x: unknown): Schedule | undefined {
  if (!x || typeof x !== 'object' || !('kind' in x)) return undefined;
  return x as Schedule;
}

/** A practice's schedule in plain words. */
export function describeSchedule(schedule: unknown): string {
  const s = asSchedule(schedule);
  switch (s?.kind) {
    case 'daily':
      return t.practice.daily;
    case 'weekly':
      return t.practice.weekly(s.timesPerWeek);
    case 'weekdays':
      return t.practice.weekdays(s.days.map((d) => t.practice.dayNames[d] ?? '').join(', '));
    case undefined:
      return '';
  }
}

/** Whether the practice is on for this day (weekly practices may be done any day). */
export function isOnDay(schedule: unknown, day: string): boolean {
  const s = asSchedule(schedule);
  if (s?.kind !== 'weekdays') return true;
  return s.days.includes(new Date(`${day}T12:00:00Z`).getUTCDay());
}
