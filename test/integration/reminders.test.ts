import { expect, it } from 'vitest';
import type { ReminderSettingsView } from '../../src/contract/reminders.ts';
import { defaultReminderSettings, type ReminderSettings } from '../../src/domain/reminders.ts';
import { deliverDue } from '../../src/jobs/outbox-delivery.ts';
import { remindersJob } from '../../src/jobs/reminders.ts';
import { buildClinic, type TestClinic } from '../support/factories.ts';
import { expectProblem, signedIn } from '../support/http.ts';
import { describeIsolated, measuredGoal } from '../support/jobs-harness.ts';
import { useSmtpServer } from '../support/smtp.ts';

/** Only the check-in reminder, at `time`, with these quiet hours and channels. */
function checkInOnly(
  time: string,
  quietHours: ReminderSettings['quietHours'] = null,
  email = false,
): ReminderSettings {
  const off = { enabled: false, time: '09:00' };
  return {
    channels: { inApp: true, email },
    checkIn: { enabled: true, time },
    practices: off,
    steps: off,
    questionnaires: off,
    weeklySummary: { ...off, weekday: 0 },
    quietHours,
  };
}

describeIsolated('reminders in the client’s time zone', (h) => {
  const mail = useSmtpServer();

  const at = (iso: string) => {
    h().clock.set(iso);
    return remindersJob.run({ store: h().store, now: h().clock.now() });
  };

  async function clientWith(settings: ReminderSettings | null) {
    const clinic = await buildClinic(h().store, h().clock.now());
    const goal = await measuredGoal(h(), clinic);
    const client = await signedIn(h().app, clinic.client);
    if (settings) {
      const res = await client.put(`/api/clients/${clinic.client.clientId}/reminders`, settings);
      expect(res.statusCode, res.body).toBe(200);
    }
    return { clinic, goal, client };
  }

  const remindersOf = (clinic: TestClinic) =>
    h()
      .store.db.selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', clinic.client.id)
      .where('kind', '=', 'reminder')
      .orderBy('created_at')
      .execute();

  it('reminds to check in at the chosen local time, once a day, and not once it is done', async () => {
    h().clock.set('2026-03-02T15:00:00Z');
    const { clinic, goal } = await clientWith(checkInOnly('19:00'));
    await at('2026-03-02T23:55:00Z'); // 18:55 in Toronto (UTC−5)
    expect(await remindersOf(clinic)).toHaveLength(0);
    await at('2026-03-03T00:05:00Z'); // 19:05, still 2 March locally
    await at('2026-03-03T00:30:00Z');
    const sent = await remindersOf(clinic);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ title: 'Time for today’s check-in', link: '/', read_at: null });
    expect(sent[0]!.dedupe_key).toContain('/2026-03-02');

    // 3 March: the client checks in first, so no reminder comes.
    h().clock.set('2026-03-03T20:00:00Z');
    const checkIn = await (
      await signedIn(h().app, clinic.client)
    ).post(`/api/clients/${clinic.client.clientId}/check-ins`, {
      id: crypto.randomUUID(),
      measureId: goal.measureId,
      value: 6,
    });
    expect(checkIn.statusCode, checkIn.body).toBe(201);
    await at('2026-03-04T00:10:00Z');
    expect(await remindersOf(clinic)).toHaveLength(1);
  });

  it('keeps to the wall clock across the spring-forward and fall-back in America/Toronto', async () => {
    h().clock.set('2026-03-06T15:00:00Z');
    const { clinic } = await clientWith(checkInOnly('19:00'));
    // 8 March 2026 clocks spring forward: 19:00 is now 23:00Z, not 00:00Z.
    await at('2026-03-08T22:55:00Z'); // 18:55 EDT
    expect(await remindersOf(clinic)).toHaveLength(0);
    await at('2026-03-08T23:05:00Z'); // 19:05 EDT
    const [spring] = await remindersOf(clinic);
    expect(spring!.dedupe_key).toContain('/2026-03-08');

    // 1 November 2026 clocks fall back: 01:30 happens twice, the reminder comes once.
    const res = await (
      await signedIn(h().app, clinic.client)
    ).put(`/api/clients/${clinic.client.clientId}/reminders`, checkInOnly('01:30'));
    expect(res.statusCode).toBe(200);
    await at('2026-11-01T05:35:00Z'); // 01:35 EDT
    await at('2026-11-01T06:35:00Z'); // 01:35 EST, the second time round
    const november = (await remindersOf(clinic)).filter((n) =>
      n.dedupe_key!.includes('2026-11-01'),
    );
    expect(november).toHaveLength(1);
    expect(november[0]!.created_at).toBe('2026-11-01T05:35:00.000Z');
  });

  it('holds reminders and their e-mail through quiet hours (fake clock, real SMTP)', async () => {
    h().clock.set('2026-03-10T12:00:00Z');
    const { clinic } = await clientWith(
      checkInOnly('08:00', { start: '07:00', end: '09:30' }, true),
    );
    const deliver = () =>
      deliverDue({
        store: h().store,
        mailer: mail().mailer,
        baseUrl: 'https://stepwise.clinic.example',
        owner: 'w',
        now: h().clock.now(),
      });
    const start = mail().smtp.received.length;
    await at('2026-03-11T12:05:00Z'); // 08:05 EDT: quiet
    await deliver();
    expect(await remindersOf(clinic)).toHaveLength(0);
    expect(
      mail()
        .smtp.received.slice(start)
        .filter((m) => m.to.includes(clinic.client.email)),
    ).toEqual([]);
    await at('2026-03-11T13:35:00Z'); // 09:35 EDT
    await deliver();
    expect(await remindersOf(clinic)).toHaveLength(1);
    const mails = mail()
      .smtp.received.slice(start)
      .filter((m) => m.to.includes(clinic.client.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('A reminder from Stepwise');
    expect(mails[0]!.raw).not.toMatch(/check-in|Rested/i);
  });

  it('a snoozed reminder comes back unread, unless it was done meanwhile', async () => {
    h().clock.set('2026-03-12T12:00:00Z');
    const { clinic, goal } = await clientWith(checkInOnly('10:00'));
    await at('2026-03-12T14:05:00Z'); // 10:05 EDT
    const [reminder] = await remindersOf(clinic);
    let client = await signedIn(h().app, clinic.client);
    const snoozed = await client.post(`/api/notifications/${reminder!.id}/snooze`, { minutes: 60 });
    expect(snoozed.statusCode, snoozed.body).toBe(200);
    expect((await client.get('/api/notifications/unread-count')).json()).toEqual({ unread: 0 });
    await at('2026-03-12T14:35:00Z');
    client = await signedIn(h().app, clinic.client);
    expect((await client.get('/api/notifications/unread-count')).json()).toEqual({ unread: 0 });
    expect(await at('2026-03-12T15:10:00Z')).toMatchObject({ resurfaced: 1 });
    client = await signedIn(h().app, clinic.client);
    expect((await client.get('/api/notifications/unread-count')).json()).toEqual({ unread: 1 });

    // Snoozed again, then the client checks in: it does not come back.
    await client.post(`/api/notifications/${reminder!.id}/snooze`, { minutes: 30 });
    const checkIn = await client.post(`/api/clients/${clinic.client.clientId}/check-ins`, {
      id: crypto.randomUUID(),
      measureId: goal.measureId,
      value: 7,
    });
    expect(checkIn.statusCode).toBe(201);
    await at('2026-03-12T16:00:00Z');
    client = await signedIn(h().app, clinic.client);
    expect((await client.get('/api/notifications/unread-count')).json()).toEqual({ unread: 0 });

    expectProblem(
      await client.post(`/api/notifications/${reminder!.id}/snooze`, { minutes: 5 }),
      400,
      'validation',
    );
  });

  it('reminds of practices due today and steps due soon, and drops a practice once logged', async () => {
    h().clock.set('2026-03-16T12:00:00Z');
    const off = { enabled: false, time: '09:00' };
    const { clinic, goal } = await clientWith({
      ...defaultReminderSettings,
      checkIn: off,
      questionnaires: off,
      quietHours: null,
    });
    const therapist = await signedIn(h().app, clinic.therapist);
    const practice = (
      await therapist.post(`/api/goals/${goal.id}/practices`, {
        title: 'Box breathing',
        schedule: { kind: 'daily' },
        startDate: '2026-03-16',
      })
    ).json<{ id: string }>();
    await therapist.post(`/api/goals/${goal.id}/steps`, {
      title: 'Buy a notebook',
      dueDate: '2026-03-17',
    });
    await at('2026-03-16T13:05:00Z'); // 09:05 EDT
    const sent = await remindersOf(clinic);
    expect(sent.map((n) => n.title).sort()).toEqual([
      'A step is due tomorrow',
      'One practice for today',
    ]);
    expect(sent.find((n) => n.title.startsWith('One'))!.body).toBe('Box breathing');

    // 17 March: the practice is logged before nine; only the step (due today) reminds.
    h().clock.set('2026-03-17T12:00:00Z');
    const logged = await (
      await signedIn(h().app, clinic.client)
    ).put(`/api/practices/${practice.id}/completions/2026-03-17`, {
      done: true,
    });
    expect(logged.statusCode, logged.body).toBe(200);
    await at('2026-03-17T13:05:00Z');
    const march17 = (await remindersOf(clinic)).filter((n) => n.dedupe_key!.endsWith('2026-03-17'));
    expect(march17.map((n) => n.title)).toEqual(['A step is due today']);
  });

  it('reminds of a scheduled questionnaire until it is answered', async () => {
    h().clock.set('2026-03-18T12:00:00Z');
    const off = { enabled: false, time: '09:00' };
    const { clinic } = await clientWith({
      ...defaultReminderSettings,
      checkIn: off,
      practices: off,
      steps: off,
      quietHours: null,
    });
    const therapist = await signedIn(h().app, clinic.therapist);
    const scheduled = await therapist.put(
      `/api/clients/${clinic.client.clientId}/questionnaire-schedules/phq9`,
      { everyDays: 14, startDate: '2026-03-18', active: true },
    );
    expect(scheduled.statusCode, scheduled.body).toBeLessThan(300);
    await at('2026-03-18T13:05:00Z'); // 09:05 EDT
    expect((await remindersOf(clinic)).map((n) => [n.title, n.link])).toEqual([
      ['A questionnaire is ready: PHQ-9', '/questionnaires/phq9'],
    ]);
    h().clock.set('2026-03-19T12:00:00Z');
    const answered = await (
      await signedIn(h().app, clinic.client)
    ).post(`/api/clients/${clinic.client.clientId}/questionnaires`, {
      instrument: 'phq9',
      answers: [0, 0, 1, 0, 0, 0, 0, 0, 0],
    });
    expect(answered.statusCode, answered.body).toBe(201);
    await at('2026-03-19T13:05:00Z');
    expect(await remindersOf(clinic)).toHaveLength(1);
  });

  it('settings: clinic defaults until the client chooses; only the client changes them', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const url = `/api/clients/${clinic.client.clientId}/reminders`;
    const client = await signedIn(h().app, clinic.client);
    const first = (await client.get(url)).json<ReminderSettingsView>();
    expect(first).toEqual({
      settings: defaultReminderSettings,
      source: 'clinic',
      timeZone: 'America/Toronto',
    });

    const admin = await signedIn(h().app, clinic.admin);
    const defaults = { ...defaultReminderSettings, checkIn: { enabled: true, time: '20:15' } };
    const patched = await admin.patch('/api/clinic/settings', { reminderDefaults: defaults });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await client.get(url)).json<ReminderSettingsView>().settings.checkIn.time).toBe(
      '20:15',
    );

    const bad = expectProblem(
      await client.put(url, { ...defaults, checkIn: { enabled: true, time: '25:00' } }),
      400,
      'validation',
    );
    expect(bad.field).toBe('checkIn.time');
    expect((await client.get(url)).json<ReminderSettingsView>().source).toBe('clinic');

    const mine = checkInOnly('07:45', { start: '22:00', end: '07:00' }, true);
    expect((await client.put(url, mine)).json<ReminderSettingsView>()).toMatchObject({
      source: 'client',
    });
    const therapist = await signedIn(h().app, clinic.therapist);
    expect((await therapist.get(url)).json<ReminderSettingsView>().settings).toEqual(mine);
    expectProblem(await therapist.put(url, mine), 403, 'forbidden');
    const other = await signedIn(h().app, clinic.otherClient);
    expectProblem(await other.get(url), 404, 'not-found');
  });
});
