import { z } from 'zod';
import { maxDaysBefore } from '../domain/questionnaire-schedule.ts';
import { instant, localDate, uuid } from './common.ts';
import type { MeasureReliableChangeView } from './measurement.ts';

export const instrumentIds = ['phq9', 'gad7'] as const;
export type InstrumentName = (typeof instrumentIds)[number];
const instrument = z.enum(instrumentIds, { message: 'Use phq9 or gad7.' });

/** Item count and the 0–3 range depend on the instrument; the domain checks them (`answers.8`). */
export const questionnaireBody = z.strictObject({
  instrument,
  answers: z
    .array(z.number({ message: 'Must be a whole number from 0 to 3.' }), {
      message: 'Give the answers as a list, one number per item.',
    })
    .max(50),
  completedAt: instant.optional(),
});

export const questionnaireQuery = z.object({ instrument: instrument.optional() });

export interface QuestionnaireView {
  id: string;
  instrument: InstrumentName;
  answers: number[];
  total: number;
  severity: 'minimal' | 'mild' | 'moderate' | 'moderately severe' | 'severe';
  caseness: boolean;
  riskFlag: boolean;
  completedAt: string;
  enteredBy: string;
}

/** The answer to a submission: with the clinic's crisis text when item 9 > 0. */
export interface QuestionnaireSubmitted extends QuestionnaireView {
  crisis?: string;
}

export const scheduleParams = z.object({ clientId: uuid, instrument });
export const scheduleKinds = ['every', 'before-session'] as const;
export type ScheduleKind = (typeof scheduleKinds)[number];

/**
 * `kind: every` (the default) asks every `everyDays` from `startDate`; `kind: before-session`
 * asks in the `daysBefore` days before each session. A field of the other kind is refused.
 */
export const scheduleBody = z
  .strictObject({
    kind: z.enum(scheduleKinds, { message: 'Use every or before-session.' }).default('every'),
    everyDays: z
      .number({ message: 'Give how many days apart, e.g. 14.' })
      .int('Use a whole number of days.')
      .min(1, 'At least every day.')
      .max(365, 'At most once a year.')
      .optional(),
    daysBefore: z
      .number({ message: 'Give how many days before each session, e.g. 3.' })
      .int('Use a whole number of days.')
      .min(0, 'Use 0 (the session day) or more.')
      .max(maxDaysBefore, `At most ${maxDaysBefore} days before.`)
      .optional(),
    startDate: localDate.optional(),
    active: z.boolean({ message: 'Say whether the schedule is active (true or false).' }),
  })
  .superRefine((b, ctx) => {
    const need = (field: 'everyDays' | 'daysBefore', message: string) => {
      if (b[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message });
    };
    const refuse = (field: 'everyDays' | 'daysBefore' | 'startDate') => {
      if (b[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `Not used with kind ${b.kind}.` });
      }
    };
    if (b.kind === 'every') {
      need('everyDays', 'Give how many days apart, e.g. 14.');
      refuse('daysBefore');
    } else {
      need('daysBefore', 'Give how many days before each session, e.g. 3.');
      refuse('everyDays');
      refuse('startDate');
    }
  });

export interface ScheduleView {
  instrument: InstrumentName;
  kind: ScheduleKind;
  /** For `every`; null for `before-session`. */
  everyDays: number | null;
  /** For `before-session`; null for `every`. */
  daysBefore: number | null;
  startDate: string;
  active: boolean;
}

export interface DueView {
  /** The client's today. */
  today: string;
  due: {
    instrument: InstrumentName;
    title: string;
    dueOn: string;
    /** For a `before-session` schedule: the session this answer is for. */
    sessionDate: string | null;
    lastCompletedAt: string | null;
  }[];
  schedules: (ScheduleView & {
    dueOn: string | null;
    sessionDate: string | null;
    lastCompletedAt: string | null;
  })[];
}

export interface InstrumentOutcomeView {
  first: number;
  latest: number;
  change: number;
  reliableImprovement: boolean;
  reliableDeterioration: boolean;
  response: boolean;
  /** PHQ-9 < 5; null for the GAD-7 (no sourced rule). */
  remission: boolean | null;
  percentChange: number | null;
  firstAt: string;
  latestAt: string;
  count: number;
}

/** A custom measure's first → latest check-in against its reliable change (SPEC §4). */
export interface MeasureOutcomeView extends MeasureReliableChangeView {
  measureId: string;
  name: string;
  unit: string | null;
  better: 'higher' | 'lower';
  firstAt: string;
  latestAt: string;
  count: number;
}

export interface OutcomesView {
  phq9?: InstrumentOutcomeView;
  gad7?: InstrumentOutcomeView;
  /** Measures with an SD and reliability and at least one check-in, oldest measure first. */
  measures?: MeasureOutcomeView[];
  paired?: {
    casenessAtStart: boolean;
    casenessAtEnd: boolean;
    recovery: boolean | null;
    reliableImprovement: boolean;
    reliableRecovery: boolean | null;
    reliableDeterioration: boolean;
  };
}
