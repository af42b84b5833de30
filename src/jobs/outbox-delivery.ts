import { randomUUID } from 'node:crypto';
import { isPermanent, type Mailer } from '../mail/mailer.ts';
import { renderEmail, storedEmail } from '../mail/templates.ts';
import type { Store } from '../store/db.ts';
import { claimDueMessages, markAttemptFailed, markSent } from '../store/outbox.ts';
import { minuteMs, type Job, type JobOutcome } from './job.ts';

export interface DeliveryOptions {
  store: Store;
  mailer: Mailer;
  /** The app's public address, for the link in each e-mail. */
  baseUrl: string;
  /** This worker's name in `outbox.locked_by`. */
  owner: string;
  now: Date;
  /** How long a claim holds a message; a worker that dies frees its claims after this. */
  leaseMs?: number;
  /** Messages claimed at a time. */
  batch?: number;
  /** Messages in flight at once (the SMTP transport pools its connections). */
  concurrency?: number;
  /** Stop claiming after this much real time, well inside the lease. */
  budgetMs?: number;
}

export const deliveryLeaseMs = 2 * minuteMs;

/**
 * Send every due message of the outbox. Each batch is claimed with a lease by one conditional
 * UPDATE (store/outbox.ts), so any number of workers on one PostgreSQL database send each message
 * once. A message is marked sent right after the SMTP server accepts it; a failure is retried
 * with exponential backoff, and after the last attempt (or a permanent 5xx) it is `failed`,
 * which admins see in the outbox view.
 */
export async function deliverDue(opts: DeliveryOptions): Promise<JobOutcome> {
  const { store, mailer, baseUrl, owner, now } = opts;
  const leaseMs = opts.leaseMs ?? deliveryLeaseMs;
  const batch = opts.batch ?? 50;
  const concurrency = opts.concurrency ?? 4;
  const deadline = performance.now() + (opts.budgetMs ?? leaseMs / 2);
  const outcome = { sent: 0, retrying: 0, failed: 0 };
  while (performance.now() < deadline) {
    const claimed = await claimDueMessages(store.db, store.dialect, owner, now, leaseMs, batch);
    if (claimed.length === 0) break;
    let next = 0;
    const lane = async () => {
      for (let m = claimed[next++]; m !== undefined; m = claimed[next++]) {
        try {
          await mailer.send(m.toAddress, renderEmail(storedEmail(m.template, m.params), baseUrl));
          await markSent(store.db, m.id, now);
          outcome.sent++;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          const status = await markAttemptFailed(store.db, m, message, isPermanent(err), now);
          outcome[status === 'failed' ? 'failed' : 'retrying']++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane));
  }
  return outcome;
}

/** The scheduled job that drains the outbox; only when SMTP is configured (`SMTP_URL`). */
export function outboxDeliveryJob(mailer: Mailer, baseUrl: string): Job {
  const owner = `outbox:${process.pid}:${randomUUID().slice(0, 8)}`;
  return {
    name: 'outbox-delivery',
    everyMs: 15_000,
    run: ({ store, now }) => deliverDue({ store, mailer, baseUrl, owner, now }),
  };
}
