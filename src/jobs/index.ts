import { housekeepingJob } from './housekeeping.ts';
import type { Job } from './job.ts';
import { offTrackJob } from './off-track.ts';
import { remindersJob } from './reminders.ts';
import { therapistDigestJob } from './therapist-digest.ts';
import { weeklySummaryJob } from './weekly-summary.ts';
import { riskEscalationJob } from './risk-escalation.ts';
import { silenceJob } from './silence.ts';
import { sustainSlipJob } from './sustain-slip.ts';

/** The jobs `stepwise serve` runs, in the order a tick takes them (safety first). */
export const defaultJobs: readonly Job[] = [
  riskEscalationJob,
  silenceJob,
  offTrackJob,
  sustainSlipJob,
  remindersJob,
  weeklySummaryJob,
  therapistDigestJob,
  housekeepingJob,
];
