import { z } from 'zod';
import type { ReminderSettings } from '../domain/reminders.ts';

export const wallTime = z
  .string({ message: 'Use a time as HH:MM (24-hour).' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time as HH:MM (24-hour).');

const rule = z.strictObject({
  enabled: z.boolean({ message: 'Say true or false.' }),
  time: wallTime,
});

/** A client's reminder preferences (and a clinic's defaults): the whole object on every write. */
export const reminderSettingsBody = z.strictObject({
  channels: z.strictObject({
    inApp: z.boolean({ message: 'Say true or false.' }),
    email: z.boolean({ message: 'Say true or false.' }),
  }),
  checkIn: rule,
  practices: rule,
  steps: rule,
  questionnaires: rule,
  weeklySummary: rule.extend({
    weekday: z
      .number({ message: 'Use 0 (Sunday) to 6 (Saturday).' })
      .int('Use 0 (Sunday) to 6 (Saturday).')
      .min(0, 'Use 0 (Sunday) to 6 (Saturday).')
      .max(6, 'Use 0 (Sunday) to 6 (Saturday).'),
  }),
  quietHours: z.strictObject({ start: wallTime, end: wallTime }).nullable(),
}) satisfies z.ZodType<ReminderSettings>;

export interface ReminderSettingsView {
  settings: ReminderSettings;
  /** `clinic` until the client saves their own. */
  source: 'clinic' | 'client';
  timeZone: string;
}

export const snoozeBody = z.strictObject({
  minutes: z
    .number({ message: 'Snooze for 10 to 1440 minutes.' })
    .int('Snooze for a whole number of minutes.')
    .min(10, 'Snooze for 10 to 1440 minutes.')
    .max(1440, 'Snooze for 10 to 1440 minutes.'),
});
