import type { ReminderSettings } from '../domain/reminders.ts';
import type { EmailMessage } from '../mail/templates.ts';
import { recordAudit, type AuditEntry } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import { enqueueNotification } from '../store/notifications.ts';
import type { ReminderRecipient } from '../store/reminders.ts';
import { systemAudit } from './system.ts';

/** Something the system tells a client, through the channels they chose. */
export interface ClientMessage {
  r: ReminderRecipient;
  s: ReminderSettings;
  kind: 'reminder' | 'weekly-summary';
  dedupeKey: string;
  content: { title: string; body: string; link: string };
  email: EmailMessage;
}

/**
 * Write the messages in one transaction: in-app (stored read when the client turned in-app off,
 * so the e-mail's link still finds it), a content-free e-mail when they chose e-mail, and an
 * audit event `<kind>.send` for each. A key already used sends nothing. Returns how many went.
 */
export function sendClientMessages(
  store: Store,
  messages: readonly ClientMessage[],
  now: Date,
): Promise<number> {
  if (messages.length === 0) return Promise.resolve(0);
  return store.db.transaction().execute(async (trx) => {
    const audit: AuditEntry[] = [];
    for (const m of messages) {
      const id = await enqueueNotification(
        trx,
        {
          clinicId: m.r.clinicId,
          userId: m.r.userId,
          clientId: m.r.clientId,
          kind: m.kind,
          ...m.content,
          dedupeKey: m.dedupeKey,
          email: m.s.channels.email ? m.email : null,
          silent: !m.s.channels.inApp,
        },
        now,
      );
      if (id)
        audit.push({
          action: `${m.kind}.send`,
          clientId: m.r.clientId,
          resource: `notification/${id}`,
        });
    }
    await recordAudit(trx, store.dialect, systemAudit(now), audit);
    return audit.length;
  });
}
