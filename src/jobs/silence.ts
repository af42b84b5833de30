import type { ClinicSettings } from '../store/accounts.ts';
import { silenceCandidates, type SilenceCandidate } from '../store/alert-watch.ts';
import { listClinicSettings } from '../store/clinic-settings.ts';
import { dayMs, hourMs, type Job } from './job.ts';
import { raiseAlertsAsSystem } from './system.ts';

const pageSize = 500;

/**
 * When the client's silence started: their latest check-in, but never before they first had
 * an active goal with a measure (a new goal is not "silent" for the months before it).
 */
export function silentSince(c: SilenceCandidate): string {
  return c.lastCheckInAt !== null && c.lastCheckInAt > c.watchedSince
    ? c.lastCheckInAt
    : c.watchedSince;
}

/**
 * The silence rule (a Stepwise design decision): a client with an active measured goal and no
 * check-in for the clinic's `silenceDays` × 24 h gets one `silence` alert per silent stretch —
 * not another after it is acknowledged, until they check in and fall silent again.
 */
export function isNewSilence(c: SilenceCandidate, silenceDays: number, now: Date): boolean {
  const since = silentSince(c);
  if (now.getTime() - Date.parse(since) < silenceDays * dayMs) return false;
  return c.lastAlertAt === null || c.lastAlertAt < since;
}

export const silenceJob: Job = {
  name: 'silence',
  everyMs: hourMs,
  async run({ store, now }) {
    const settings = new Map<string, ClinicSettings>(
      (await listClinicSettings(store.db)).map((c) => [c.clinicId, c.settings]),
    );
    let raised = 0;
    let after = '';
    for (;;) {
      const page = await silenceCandidates(store.db, after, pageSize);
      if (page.length === 0) break;
      after = page.at(-1)!.clientId;
      const silent = page.filter((c) => {
        const days = settings.get(c.clinicId)?.silenceDays;
        return days !== undefined && isNewSilence(c, days, now);
      });
      raised += await raiseAlertsAsSystem(
        store,
        silent.map((c) => {
          const days = Math.floor((now.getTime() - Date.parse(silentSince(c))) / dayMs);
          return {
            clientId: c.clientId,
            kind: 'silence',
            severity: 'medium',
            source: `client/${c.clientId}`,
            detail:
              c.lastCheckInAt === null
                ? `No check-in in the ${days} days since their first measured goal.`
                : `No check-in for ${days} days.`,
          };
        }),
        now,
      );
    }
    return { raised };
  },
};
