import { defaultReminderSettings } from '../../src/domain/reminders.ts';
import { expect, it } from 'vitest';
import { defaultClinicSettings } from '../../src/store/accounts.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, Session, signedIn } from '../support/http.ts';

describeEachEngine('clinic settings', (h) => {
  it('gives everyone signed in the crisis text, and an admin every setting', async () => {
    const clinic = await buildClinic(h().store);
    expectProblem(await new Session(h().app).get('/api/clinic/settings'), 401);
    for (const user of [clinic.client, clinic.therapist]) {
      const res = await (await signedIn(h().app, user)).get('/api/clinic/settings');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ crisisText: defaultClinicSettings.crisisText });
    }
    expect(defaultClinicSettings.crisisText).toMatch(/9-8-8/);
    const admin = await (await signedIn(h().app, clinic.admin)).get('/api/clinic/settings');
    expect(admin.json()).toEqual({
      crisisText: expect.any(String),
      silenceDays: 7,
      riskEscalationMinutes: 240,
      mfaRequiredForStaff: false,
      pairedImprovementRequiresNoDeterioration: true,
      breakGlassMinutes: 120,
      reminderDefaults: defaultReminderSettings,
      digestTime: '07:30',
      digestTimeZone: 'America/Toronto',
    });
  });

  it('lets an admin change settings, audited, within their own clinic only', async () => {
    const clinic = await buildClinic(h().store);
    const other = await buildClinic(h().store);
    const admin = await signedIn(h().app, clinic.admin);
    const crisisText = 'Call or text 9-8-8 any time. Our Barrie office: Mon–Fri 9–5, 705-555-0100.';
    const res = await admin.patch('/api/clinic/settings', { crisisText, silenceDays: 10 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      crisisText,
      silenceDays: 10,
      riskEscalationMinutes: 240,
      mfaRequiredForStaff: false,
      pairedImprovementRequiresNoDeterioration: true,
      breakGlassMinutes: 120,
      reminderDefaults: defaultReminderSettings,
      digestTime: '07:30',
      digestTimeZone: 'America/Toronto',
    });
    expect(
      (await admin.patch('/api/clinic/settings', { riskEscalationMinutes: 60 })).json(),
    ).toEqual({
      crisisText,
      silenceDays: 10,
      riskEscalationMinutes: 60,
      mfaRequiredForStaff: false,
      pairedImprovementRequiresNoDeterioration: true,
      breakGlassMinutes: 120,
      reminderDefaults: defaultReminderSettings,
      digestTime: '07:30',
      digestTimeZone: 'America/Toronto',
    });
    const client = await signedIn(h().app, clinic.client);
    expect((await client.get('/api/clinic/settings')).json()).toEqual({ crisisText });
    const elsewhere = await signedIn(h().app, other.client);
    expect((await elsewhere.get('/api/clinic/settings')).json()).toEqual({
      crisisText: defaultClinicSettings.crisisText,
    });
    const events = await h()
      .store.db.selectFrom('audit_events')
      .select(['action', 'actor_id', 'resource'])
      .where('actor_id', '=', clinic.admin.id)
      .where('action', '=', 'clinic.settings.update')
      .execute();
    expect(events).toEqual([
      {
        action: 'clinic.settings.update',
        actor_id: clinic.admin.id,
        resource: `clinic/${clinic.id}/settings`,
      },
      {
        action: 'clinic.settings.update',
        actor_id: clinic.admin.id,
        resource: `clinic/${clinic.id}/settings`,
      },
    ]);
  });

  it('refuses staff who are not admins, and bad values, changing nothing', async () => {
    const clinic = await buildClinic(h().store);
    for (const user of [clinic.therapist, clinic.client]) {
      const s = await signedIn(h().app, user);
      expectProblem(await s.patch('/api/clinic/settings', { silenceDays: 3 }), 403, 'forbidden');
    }
    const admin = await signedIn(h().app, clinic.admin);
    const bad: [unknown, string][] = [
      [{ silenceDays: 0 }, 'silenceDays'],
      [{ silenceDays: 61 }, 'silenceDays'],
      [{ silenceDays: 2.5 }, 'silenceDays'],
      [{ silenceDays: '7' }, 'silenceDays'],
      [{ riskEscalationMinutes: 4 }, 'riskEscalationMinutes'],
      [{ riskEscalationMinutes: 1441 }, 'riskEscalationMinutes'],
      [{ breakGlassMinutes: 14 }, 'breakGlassMinutes'],
      [{ breakGlassMinutes: 721 }, 'breakGlassMinutes'],
      [{ breakGlassMinutes: 60.5 }, 'breakGlassMinutes'],
      [{ crisisText: '   ' }, 'crisisText'],
      [{ crisisText: 'x'.repeat(2001) }, 'crisisText'],
      [{ crisisText: 'ok', hours: '9-5' }, 'body'],
      [
        { pairedImprovementRequiresNoDeterioration: 'no' },
        'pairedImprovementRequiresNoDeterioration',
      ],
      [{}, 'body'],
    ];
    for (const [body, field] of bad) {
      const problem = expectProblem(
        await admin.patch('/api/clinic/settings', body),
        400,
        'validation',
      );
      expect(problem.field, JSON.stringify(body)).toBe(field);
    }
    expect((await admin.get('/api/clinic/settings')).json()).toEqual({
      ...defaultClinicSettings,
      mfaRequiredForStaff: false,
      reminderDefaults: defaultReminderSettings,
      digestTime: '07:30',
      digestTimeZone: 'America/Toronto',
    });
    for (const [silenceDays, riskEscalationMinutes] of [
      [1, 5],
      [60, 1440],
    ]) {
      const ok = await admin.patch('/api/clinic/settings', { silenceDays, riskEscalationMinutes });
      expect(ok.json()).toMatchObject({ silenceDays, riskEscalationMinutes });
    }
  });

  it('keeps both of two concurrent changes to different settings', async () => {
    const clinic = await buildClinic(h().store);
    const admin = await signedIn(h().app, clinic.admin);
    const results = await Promise.all([
      admin.patch('/api/clinic/settings', { silenceDays: 14 }),
      admin.patch('/api/clinic/settings', { riskEscalationMinutes: 30 }),
      admin.patch('/api/clinic/settings', { crisisText: 'Call 9-8-8.' }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect((await admin.get('/api/clinic/settings')).json()).toEqual({
      crisisText: 'Call 9-8-8.',
      silenceDays: 14,
      riskEscalationMinutes: 30,
      mfaRequiredForStaff: false,
      pairedImprovementRequiresNoDeterioration: true,
      breakGlassMinutes: 120,
      reminderDefaults: defaultReminderSettings,
      digestTime: '07:30',
      digestTimeZone: 'America/Toronto',
    });
  });
});
