import { localClock } from '../domain/calendar.ts';
import { wallMinutes } from '../domain/reminders.ts';
import { recordAudit, type AuditEntry } from '../store/audit.ts';
import type { ClinicSettings } from '../store/accounts.ts';
import { listClinicSettings } from '../store/clinic-settings.ts';
import { digestCounts, digestRecipients } from '../store/digest.ts';
import { enqueueNotification } from '../store/notifications.ts';
import { usedKeys } from '../store/reminders.ts';
import { minuteMs, type Job } from './job.ts';
import { systemAudit } from './system.ts';

const pageSize = 200;

export const digestKey = (userId: string, date: string) => `digest/${userId}/${date}`;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Each therapist's daily digest at the clinic's `digestTime` (in `digestTimeZone`): how many
 * open alerts and how many clients gone quiet on their caseload, in-app and by e-mail — counts
 * and a link only, never a name. Nothing is sent on a day with nothing open.
 */
export const therapistDigestJob: Job = {
  name: 'therapist-digest',
  everyMs: 5 * minuteMs,
  async run({ store, now }) {
    const settings = new Map<string, ClinicSettings>(
      (await listClinicSettings(store.db)).map((c) => [c.clinicId, c.settings]),
    );
    let sent = 0;
    let after = '';
    for (;;) {
      const page = await digestRecipients(store.db, after, pageSize);
      if (page.length === 0) break;
      after = page.at(-1)!.userId;
      const due = page.flatMap((t) => {
        const s = settings.get(t.clinicId);
        if (!s) return [];
        const clock = localClock(now, s.digestTimeZone);
        return clock.minutes >= wallMinutes(s.digestTime) ? [{ t, date: clock.date }] : [];
      });
      const used = await usedKeys(
        store.db,
        due.map((d) => digestKey(d.t.userId, d.date)),
      );
      const toSend: ((typeof due)[number] & {
        counts: Awaited<ReturnType<typeof digestCounts>>;
      })[] = [];
      for (const d of due) {
        if (used.has(digestKey(d.t.userId, d.date))) continue;
        const counts = await digestCounts(store.db, d.t);
        if (counts.openAlerts + counts.silentClients > 0) toSend.push({ ...d, counts });
      }
      if (toSend.length === 0) continue;
      sent += await store.db.transaction().execute(async (trx) => {
        const audit: AuditEntry[] = [];
        for (const { t, date, counts } of toSend) {
          const id = await enqueueNotification(
            trx,
            {
              clinicId: t.clinicId,
              userId: t.userId,
              kind: 'digest',
              title: `Today: ${count(counts.openAlerts, 'open alert', 'open alerts')}, ${count(counts.silentClients, 'client', 'clients')} gone quiet`,
              link: '/alerts',
              dedupeKey: digestKey(t.userId, date),
              email: { template: 'digest', ...counts },
            },
            now,
          );
          if (id)
            audit.push({ action: 'digest.send', clientId: null, resource: `notification/${id}` });
        }
        await recordAudit(trx, store.dialect, systemAudit(now), audit);
        return audit.length;
      });
    }
    return { sent };
  },
};
