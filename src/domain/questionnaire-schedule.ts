import { addDays, dayNumber } from './calendar.ts';
import { DomainError } from './errors.ts';

/**
 * When a scheduled questionnaire is due (a Stepwise design decision, not a clinical formula):
 * from `startDate` on, it is due once no response lies within `everyDays` of today — i.e. on
 * the later of `startDate` and the last response's day + `everyDays`. A response made before
 * the schedule started still counts, so nobody is asked for a PHQ-9 they answered days ago.
 * All dates are the client's local days ('YYYY-MM-DD').
 */
export interface QuestionnaireScheduleRule {
  everyDays: number;
  startDate: string;
  active: boolean;
}

export interface DueStatus {
  due: boolean;
  /** When due: the day it became due. Otherwise: the next day it will be. Null when inactive. */
  dueOn: string | null;
}

export function questionnaireDue(
  schedule: QuestionnaireScheduleRule,
  today: string,
  lastResponseDate: string | null,
): DueStatus {
  const { everyDays, startDate } = schedule;
  if (!Number.isInteger(everyDays) || everyDays < 1) {
    throw new DomainError('everyDays', 'Expected a whole number of days, 1 or more.');
  }
  dayNumber(startDate, 'startDate');
  const todayNumber = dayNumber(today, 'today');
  if (!schedule.active) return { due: false, dueOn: null };
  let dueOn = startDate;
  if (lastResponseDate !== null) {
    const next = addDays(lastResponseDate, everyDays);
    if (dayNumber(next) > dayNumber(dueOn)) dueOn = next;
  }
  return { due: dayNumber(dueOn) <= todayNumber, dueOn };
}
