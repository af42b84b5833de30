import { addDays, dayNumber } from './calendar.ts';
import { DomainError } from './errors.ts';

/**
 * When a scheduled questionnaire is due (a Stepwise design decision, not a clinical formula).
 * All dates are the client's local days ('YYYY-MM-DD').
 *
 * - `every`: from `startDate` on, it is due once no response lies within `everyDays` of today —
 *   i.e. on the later of `startDate` and the last response's day + `everyDays`. A response made
 *   before the schedule started still counts, so nobody is asked for a PHQ-9 they answered days
 *   ago.
 * - `before-session`: due in the window of `daysBefore` days before each upcoming session, the
 *   session's own day included (a session on the 10th with `daysBefore` 3 opens it on the 7th);
 *   done for that session once a response lies in its window. Past sessions ask for nothing.
 */
export type QuestionnaireScheduleRule =
  | { kind: 'every'; everyDays: number; startDate: string; active: boolean }
  | { kind: 'before-session'; daysBefore: number; active: boolean };

export interface DueStatus {
  due: boolean;
  /** When due: the day it became due. Otherwise: the next day it will be. Null when inactive. */
  dueOn: string | null;
  /** For `before-session`: the session the answer is for; null otherwise. */
  sessionDate: string | null;
}

/** The longest window before a session, in days (0: the session's day only). */
export const maxDaysBefore = 14;

export function questionnaireDue(
  schedule: QuestionnaireScheduleRule,
  today: string,
  lastResponseDate: string | null,
  sessionDates: readonly string[] = [],
): DueStatus {
  const todayNumber = dayNumber(today, 'today');
  if (schedule.kind === 'before-session') {
    return dueBeforeSession(schedule.daysBefore, schedule.active, todayNumber, lastResponseDate, [
      ...sessionDates,
    ]);
  }
  const { everyDays, startDate } = schedule;
  if (!Number.isInteger(everyDays) || everyDays < 1) {
    throw new DomainError('everyDays', 'Expected a whole number of days, 1 or more.');
  }
  dayNumber(startDate, 'startDate');
  if (!schedule.active) return { due: false, dueOn: null, sessionDate: null };
  let dueOn = startDate;
  if (lastResponseDate !== null) {
    const next = addDays(lastResponseDate, everyDays);
    if (dayNumber(next) > dayNumber(dueOn)) dueOn = next;
  }
  return { due: dayNumber(dueOn) <= todayNumber, dueOn, sessionDate: null };
}

function dueBeforeSession(
  daysBefore: number,
  active: boolean,
  todayNumber: number,
  lastResponseDate: string | null,
  sessionDates: string[],
): DueStatus {
  if (!Number.isInteger(daysBefore) || daysBefore < 0 || daysBefore > maxDaysBefore) {
    throw new DomainError('daysBefore', `Expected a whole number of days, 0 to ${maxDaysBefore}.`);
  }
  const last = lastResponseDate === null ? null : dayNumber(lastResponseDate, 'lastResponseDate');
  if (!active) return { due: false, dueOn: null, sessionDate: null };
  const upcoming = sessionDates
    .map((d) => ({ date: d, day: dayNumber(d, 'sessionDate') }))
    .filter((s) => s.day >= todayNumber)
    .sort((a, b) => a.day - b.day);
  for (const session of upcoming) {
    const opens = session.day - daysBefore;
    // Responses lie on or before today, and today is on or before the session: a response on
    // or after the window's first day is in the window.
    if (last !== null && last >= opens) continue;
    const dueOn = addDays(session.date, -daysBefore);
    return { due: opens <= todayNumber, dueOn, sessionDate: session.date };
  }
  return { due: false, dueOn: null, sessionDate: null };
}
