import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { deliverDue } from '../../src/jobs/outbox-delivery.ts';
import { claimDueMessages, enqueueEmail } from '../../src/store/outbox.ts';
import type { OutboxList } from '../../src/contract/notifications.ts';
import { minutes } from '../support/clock.ts';
import { buildClinic, type TestClinic } from '../support/factories.ts';
import { expectProblem, signedIn } from '../support/http.ts';
import { describeIsolated, measuredGoal } from '../support/jobs-harness.ts';
import { useSmtpServer } from '../support/smtp.ts';

/** A real process running an outbox worker (test/support/outbox-process.ts), line by line. */
function outboxProcess(databaseUrl: string, smtpUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/outbox-process.ts'], {
    cwd: join(import.meta.dirname, '../..'),
    env: { ...process.env, DATABASE_URL: databaseUrl, SMTP_URL: smtpUrl },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error('outbox process ended');
    return line.value;
  };
  return {
    next,
    async deliver(at: Date): Promise<{ owner: string; sent: number }> {
      child.stdin.write(`deliver ${at.toISOString()}\n`);
      return JSON.parse(await next()) as { owner: string; sent: number };
    },
    end: () => child.stdin.end(),
  };
}

/** Health information that must never reach an e-mail. */
const sentinel = 'PHI-SENTINEL-7f3a panic attacks on the bus';
const baseUrl = 'https://stepwise.clinic.example';

describeIsolated('e-mail outbox over a real SMTP server', (h) => {
  const mail = useSmtpServer();

  const deliver = (owner = 'worker-a', store = h().store) =>
    deliverDue({ store, mailer: mail().mailer, baseUrl, owner, now: h().clock.now() });

  async function nudge(clinic: TestClinic, email = true) {
    const goal = await measuredGoal(h(), clinic);
    const therapist = await signedIn(h().app, clinic.therapist);
    const res = await therapist.post(`/api/goals/${goal.id}/nudges`, {
      message: `How did the breathing go? ${sentinel}`,
      email,
    });
    expect(res.statusCode, res.body).toBe(201);
    return { goal, res: res.json<{ commentId: string; notificationId: string }>() };
  }

  /** `n` content-free reminder e-mails to the clinic's client, straight into the outbox. */
  function queueReminderEmails(clinic: TestClinic, n: number) {
    return h()
      .store.db.transaction()
      .execute(async (trx) => {
        for (let i = 0; i < n; i++)
          await enqueueEmail(
            trx,
            { clinicId: clinic.id, userId: clinic.client.id },
            { template: 'reminder' },
            h().clock.now(),
          );
      });
  }

  function outboxOf(clinic: TestClinic) {
    return h()
      .store.db.selectFrom('outbox')
      .selectAll()
      .where('clinic_id', '=', clinic.id)
      .orderBy('created_at')
      .execute();
  }

  it('a nudge joins the thread, notifies in-app, and e-mails once with no health information', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const { goal } = await nudge(clinic);

    const client = await signedIn(h().app, clinic.client);
    const thread = (await client.get(`/api/goals/${goal.id}/comments`)).json<{
      comments: { body: string; author: { role: string } }[];
    }>().comments;
    expect(thread.at(-1)).toMatchObject({ author: { role: 'therapist' } });
    expect(thread.at(-1)!.body).toContain(sentinel);

    // Without a worker (no SMTP_URL), the e-mail waits and admins can read what would be sent.
    const admin = await signedIn(h().app, clinic.admin);
    const before = (await admin.get('/api/outbox')).json<OutboxList>();
    expect(before.counts).toEqual({ pending: 1, sent: 0, failed: 0 });
    expect(before.messages[0]).toMatchObject({ to: clinic.client.email, template: 'nudge' });
    expect(JSON.stringify(before)).not.toContain('PHI-SENTINEL');
    expect(before.messages[0]!.body).toMatch(/https?:\/\/\S+\/notifications/);

    const start = mail().smtp.received.length;
    expect(await deliver()).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    expect(await deliver()).toMatchObject({ sent: 0 });
    const mails = mail().smtp.received.slice(start);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([clinic.client.email]);
    expect(mails[0]!.subject).toBe('A message is waiting in Stepwise');
    expect(mails[0]!.raw).toContain(`${baseUrl}/notifications`);
    expect(mails[0]!.raw).not.toContain('PHI-SENTINEL');
    expect(mails[0]!.raw).not.toMatch(/breathing|Rested|Cleo|Theo/);

    const [row] = await outboxOf(clinic);
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(row!.sent_at).toBe(h().clock.now().toISOString());
  });

  it('a nudge without e-mail writes nothing to the outbox', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    await nudge(clinic, false);
    expect(await outboxOf(clinic)).toHaveLength(0);
  });

  it('retries a temporary SMTP failure with exponential backoff, then sends one copy', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    await nudge(clinic);
    const start = mail().smtp.received.length;
    mail().smtp.failNext(2, 451);

    expect(await deliver()).toMatchObject({ sent: 0, retrying: 1 });
    let [row] = await outboxOf(clinic);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toMatch(/451|Try again/);
    expect(Date.parse(row!.next_attempt_at) - h().clock.now().getTime()).toBe(minutes(1));

    expect(await deliver()).toMatchObject({ sent: 0, retrying: 0 }); // not due yet
    h().clock.advance(minutes(1));
    expect(await deliver()).toMatchObject({ retrying: 1 });
    [row] = await outboxOf(clinic);
    expect(Date.parse(row!.next_attempt_at) - h().clock.now().getTime()).toBe(minutes(2));

    h().clock.advance(minutes(2));
    expect(await deliver()).toMatchObject({ sent: 1 });
    [row] = await outboxOf(clinic);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(mail().smtp.received.slice(start)).toHaveLength(1);
  });

  it('a permanent failure is shown to admins, who can send it again', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    await nudge(clinic);
    mail().smtp.failNext(1, 550);
    expect(await deliver()).toMatchObject({ failed: 1 });

    const admin = await signedIn(h().app, clinic.admin);
    const failed = (await admin.get('/api/outbox?status=failed')).json<OutboxList>();
    expect(failed.counts.failed).toBe(1);
    expect(failed.messages).toHaveLength(1);
    expect(failed.messages[0]!.lastError).toMatch(/550|Try again/);
    const id = failed.messages[0]!.id;

    // Retrying needs the CSRF token, a known message of this clinic, and a failed one.
    expectProblem(await admin.post('/api/outbox/not-a-uuid/retry', {}), 400, 'validation');
    const other = await buildClinic(h().store, h().clock.now());
    const otherAdmin = await signedIn(h().app, other.admin);
    expectProblem(await otherAdmin.post(`/api/outbox/${id}/retry`, {}), 404, 'not-found');
    expect((await admin.post(`/api/outbox/${id}/retry`, {})).statusCode).toBe(200);
    expectProblem(await admin.post(`/api/outbox/${id}/retry`, {}), 409, 'not-failed');

    const start = mail().smtp.received.length;
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(mail().smtp.received.slice(start)).toHaveLength(1);
    const audit = await h()
      .store.db.selectFrom('audit_events')
      .select('action')
      .where('resource', '=', `outbox/${id}`)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['outbox.retry']);
  });

  it('two workers with their own connections deliver each of 300 messages once', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    await queueReminderEmails(clinic, 300);
    const start = mail().smtp.received.length;
    const second = h().database.open();
    try {
      const [a, b] = await Promise.all([
        deliverDue({
          store: h().store,
          mailer: mail().mailer,
          baseUrl,
          owner: 'a',
          now: h().clock.now(),
          batch: 20,
        }),
        deliverDue({
          store: second,
          mailer: mail().mailer,
          baseUrl,
          owner: 'b',
          now: h().clock.now(),
          batch: 20,
        }),
      ]);
      // Exactly once between them; how they share the work is up to timing (one may drain
      // every batch before the other's first claim), so that is not asserted.
      expect(a.sent! + b.sent!).toBe(300);
    } finally {
      await second.close();
    }
    expect(mail().smtp.received.slice(start)).toHaveLength(300);
    const rows = await outboxOf(clinic);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('two server processes deliver each of 200 messages once', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    await queueReminderEmails(clinic, 200);
    const start = mail().smtp.received.length;
    const processes = [0, 1].map(() => outboxProcess(h().database.url, mail().smtp.url));
    try {
      await Promise.all(processes.map((p) => p.next()));
      const outcomes = await Promise.all(processes.map((p) => p.deliver(h().clock.now())));
      expect(outcomes.reduce((n, o) => n + o.sent, 0)).toBe(200);
      expect(new Set(outcomes.map((o) => o.owner)).size).toBe(2);
    } finally {
      for (const p of processes) p.end();
    }
    expect(mail().smtp.received.slice(start)).toHaveLength(200);
    const rows = await outboxOf(clinic);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it("a dead worker's claim is taken over when its lease ends, not before", async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    await nudge(clinic);
    const now = h().clock.now();
    const claimed = await claimDueMessages(
      h().store.db,
      h().store.dialect,
      'dead',
      now,
      minutes(2),
      10,
    );
    expect(claimed).toHaveLength(1);
    expect(await deliver()).toMatchObject({ sent: 0 });
    h().clock.advance(minutes(2) + 1000);
    expect(await deliver()).toMatchObject({ sent: 1 });
  });

  it("only admins read the outbox, and only their clinic's", async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    await nudge(clinic);
    const other = await buildClinic(h().store, h().clock.now());
    const otherAdmin = await signedIn(h().app, other.admin);
    const list = (await otherAdmin.get('/api/outbox')).json<OutboxList>();
    expect(list.messages.map((m) => m.to)).not.toContain(clinic.client.email);
    const therapist = await signedIn(h().app, clinic.therapist);
    expectProblem(await therapist.get('/api/outbox'), 403, 'forbidden');
    const admin = await signedIn(h().app, clinic.admin);
    expectProblem(await admin.get('/api/outbox?status=lost'), 400, 'validation');
  });
});
