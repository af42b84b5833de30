import { z } from 'zod';
import type { ReminderSettings } from '../domain/reminders.ts';
import { isValidTimeZone } from '../domain/calendar.ts';
import { reminderSettingsBody, wallTime } from './reminders.ts';

/** Clinic settings an admin may change; the ranges are Stepwise's (docs/API.md). */
export const clinicSettingsLimits = {
  silenceDays: { min: 1, max: 60 },
  riskEscalationMinutes: { min: 5, max: 1440 },
  breakGlassMinutes: { min: 15, max: 720 },
  crisisTextMax: 2000,
} as const;

const { silenceDays, riskEscalationMinutes, breakGlassMinutes } = clinicSettingsLimits;

export const patchClinicSettingsBody = z
  .strictObject({
    crisisText: z
      .string({ message: 'Write the crisis resources clients see.' })
      .trim()
      .min(1, 'Clients at risk must see something: write the crisis resources.')
      .max(clinicSettingsLimits.crisisTextMax, 'Keep it under 2,000 characters.')
      .optional(),
    silenceDays: z
      .number({ message: 'Must be a whole number of days.' })
      .int('Must be a whole number of days.')
      .min(silenceDays.min, `Use ${silenceDays.min} to ${silenceDays.max} days.`)
      .max(silenceDays.max, `Use ${silenceDays.min} to ${silenceDays.max} days.`)
      .optional(),
    riskEscalationMinutes: z
      .number({ message: 'Must be a whole number of minutes.' })
      .int('Must be a whole number of minutes.')
      .min(riskEscalationMinutes.min, 'Use 5 to 1440 minutes (24 hours).')
      .max(riskEscalationMinutes.max, 'Use 5 to 1440 minutes (24 hours).')
      .optional(),
    mfaRequiredForStaff: z.boolean({ message: 'Say true or false.' }).optional(),
    pairedImprovementRequiresNoDeterioration: z
      .boolean({ message: 'Say true or false.' })
      .optional(),
    breakGlassMinutes: z
      .number({ message: 'Must be a whole number of minutes.' })
      .int('Must be a whole number of minutes.')
      .min(breakGlassMinutes.min, 'Use 15 to 720 minutes (12 hours).')
      .max(breakGlassMinutes.max, 'Use 15 to 720 minutes (12 hours).')
      .optional(),
    reminderDefaults: reminderSettingsBody.optional(),
    digestTime: wallTime.optional(),
    digestTimeZone: z
      .string({ message: 'Use an IANA time zone, e.g. America/Toronto.' })
      .refine(isValidTimeZone, 'Use an IANA time zone, e.g. America/Toronto.')
      .optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Change at least one setting.' });
export type PatchClinicSettingsBody = z.infer<typeof patchClinicSettingsBody>;

/** Everyone signed in gets the crisis text; an admin gets every setting. */
export interface ClinicSettingsView {
  crisisText: string;
  silenceDays?: number;
  riskEscalationMinutes?: number;
  /** Staff must pass TOTP after their password. */
  mfaRequiredForStaff?: boolean;
  /**
   * SPEC §6: a paired PHQ-9 + GAD-7 reliable improvement also needs neither measure reliably
   * worse (default true). Applies to client outcomes, the clinic's outcome counts and the report.
   */
  pairedImprovementRequiresNoDeterioration?: boolean;
  /** How long break-the-glass access lasts. */
  breakGlassMinutes?: number;
  /** Clients' reminders until they choose their own. */
  reminderDefaults?: ReminderSettings;
  /** When therapists get their daily digest (`HH:MM`, in `digestTimeZone`). */
  digestTime?: string;
  digestTimeZone?: string;
}
