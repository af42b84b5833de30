import { expect, it } from 'vitest';
import { deliverDue } from '../../src/jobs/outbox-delivery.ts';
import { therapistDigestJob } from '../../src/jobs/therapist-digest.ts';
import { weeklySummaryJob } from '../../src/jobs/weekly-summary.ts';
import { raiseAlert } from '../../src/store/alerts.ts';
import { buildClinic, type TestClinic } from '../support/factories.ts';
import { signedIn } from '../support/http.ts';
import { describeIsolated, insertCheckIns, measuredGoal } from '../support/jobs-harness.ts';
import { useSmtpServer } from '../support/smtp.ts';

describeIsolated('weekly summaries and the therapist digest', (h) => {
  const mail = useSmtpServer();
  const deliver = () =>
    deliverDue({
      store: h().store,
      mailer: mail().mailer,
      baseUrl: 'https://stepwise.clinic.example',
      owner: 'w',
      now: h().clock.now(),
    });
  const run = (job: typeof weeklySummaryJob, iso: string) => {
    h().clock.set(iso);
    return job.run({ store: h().store, now: h().clock.now() });
  };
  const notificationsOf = (userId: string, kind: string) =>
    h()
      .store.db.selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .execute();
  const mailsTo = (email: string, from: number) =>
    mail()
      .smtp.received.slice(from)
      .filter((m) => m.to.includes(email));

  async function practisingClient(email: boolean): Promise<TestClinic> {
    h().clock.set('2026-03-09T14:00:00Z');
    const clinic = await buildClinic(h().store, h().clock.now());
    const goal = await measuredGoal(h(), clinic, { baseline: 3, target: 8 });
    const therapist = await signedIn(h().app, clinic.therapist);
    const practice = (
      await therapist.post(`/api/goals/${goal.id}/practices`, {
        title: 'Box breathing',
        schedule: { kind: 'daily' },
        startDate: '2026-03-09',
      })
    ).json<{ id: string }>();
    await h()
      .store.db.insertInto('practice_completions')
      .values(
        ['2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15'].map((d) => ({
          practice_id: practice.id,
          local_date: d,
          at: `${d}T16:00:00.000Z`,
          by: clinic.client.id,
          minutes: null,
        })),
      )
      .execute();
    await insertCheckIns(
      h().store,
      clinic,
      goal.measureId,
      [9, 10, 11, 12, 13, 14, 15].map((d, i) => ({
        at: new Date(`2026-03-${String(d).padStart(2, '0')}T16:00:00Z`),
        value: 3 + i,
      })),
    );
    if (email) {
      const client = await signedIn(h().app, clinic.client);
      const settings = (await client.get(`/api/clients/${clinic.client.clientId}/reminders`)).json<{
        settings: object;
      }>().settings;
      const res = await client.put(`/api/clients/${clinic.client.clientId}/reminders`, {
        ...settings,
        channels: { inApp: true, email: true },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    return clinic;
  }

  it('sends the weekly summary on the chosen day, grounded in the numbers, once', async () => {
    const clinic = await practisingClient(true);
    const from = mail().smtp.received.length;
    await run(weeklySummaryJob, '2026-03-15T21:55:00Z'); // Sunday 17:55 EDT: not yet
    expect(await notificationsOf(clinic.client.id, 'weekly-summary')).toHaveLength(0);
    await run(weeklySummaryJob, '2026-03-15T22:05:00Z'); // 18:05 EDT
    await run(weeklySummaryJob, '2026-03-15T22:35:00Z');
    const [summary, ...more] = await notificationsOf(clinic.client.id, 'weekly-summary');
    expect(more).toEqual([]);
    expect(summary!.title).toBe('Your week in Stepwise');
    expect(summary!.body).toContain('Practices done: 4.');
    expect(summary!.body).toContain('Days you checked in: 7 of 7.');
    expect(summary!.body).toContain('Box breathing: 4 in a row.');
    expect(summary!.body).toContain('Feel rested in the morning: moving in the right direction.');
    expect(summary!.body).toContain('You kept “Box breathing” going 4 times in a row.');

    await deliver();
    const mails = mailsTo(clinic.client.email, from);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your week in Stepwise');
    expect(mails[0]!.raw).not.toMatch(/Box breathing|rested|in a row/i);

    await run(weeklySummaryJob, '2026-03-16T22:05:00Z'); // Monday: not the chosen day
    expect(await notificationsOf(clinic.client.id, 'weekly-summary')).toHaveLength(1);
  });

  it('after a missed week, offers a fresh start instead of a broken streak', async () => {
    h().clock.set('2026-03-16T14:00:00Z');
    const clinic = await buildClinic(h().store, h().clock.now());
    await measuredGoal(h(), clinic);
    await run(weeklySummaryJob, '2026-03-22T22:05:00Z');
    const [summary] = await notificationsOf(clinic.client.id, 'weekly-summary');
    expect(summary!.title).toBe('A fresh start this week');
    expect(summary!.body).toMatch(/fresh start: one small step today counts/);
    expect(summary!.body).not.toMatch(/0 in a row|streak/);
  });

  it('gives each therapist a daily digest of counts and a link, by e-mail, once a day', async () => {
    h().clock.set('2026-03-20T09:00:00Z');
    const clinic = await buildClinic(h().store, h().clock.now());
    await h()
      .store.db.transaction()
      .execute(async (trx) => {
        for (const kind of ['risk', 'off-track', 'silence'] as const)
          await raiseAlert(
            trx,
            {
              clientId: clinic.client.clientId,
              kind,
              severity: 'medium',
              source: `test/${kind}`,
              detail: 'Cleo said she feels hopeless',
            },
            h().clock.now(),
          );
      });
    const from = mail().smtp.received.length;
    await run(therapistDigestJob, '2026-03-21T11:25:00Z'); // 07:25 EDT
    expect(await notificationsOf(clinic.therapist.id, 'digest')).toHaveLength(0);
    await run(therapistDigestJob, '2026-03-21T11:35:00Z'); // 07:35 EDT
    await run(therapistDigestJob, '2026-03-21T12:35:00Z');
    const digests = await notificationsOf(clinic.therapist.id, 'digest');
    expect(digests.map((d) => [d.title, d.link])).toEqual([
      ['Today: 2 open alerts, 1 client gone quiet', '/alerts'],
    ]);
    expect(await notificationsOf(clinic.otherTherapist.id, 'digest')).toEqual([]);

    await deliver();
    const mails = mailsTo(clinic.therapist.email, from);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your Stepwise digest');
    expect(mails[0]!.raw).toContain('2 open alerts, 1 client gone quiet');
    expect(mails[0]!.raw).toContain('https://stepwise.clinic.example/');
    expect(mails[0]!.raw).not.toMatch(/Cleo|hopeless|risk/i);
    expect(mailsTo(clinic.otherTherapist.email, from)).toEqual([]);
  });
});
