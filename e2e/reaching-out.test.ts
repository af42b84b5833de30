import { describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { checkPage, desktop, openPage, phone, signIn } from './support/browser.ts';
import { browserSuite } from './support/suite.ts';

const suite = browserSuite({ enrolAdmin: true });

const nudgeText = 'How did the breathing practice go this week?';

describe.sequential('Nudges, notifications, reminders and the outbox in Chromium', () => {
  it('an admin sets the reminder defaults, the digest time and the break-the-glass time', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.admin.email,
      suite.server.admin.recoveryCodes,
    );
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Clinic settings' }).waitFor();
    await page.getByLabel('Break-the-glass access lasts (minutes)').fill('60');
    const digest = page.getByRole('group', { name: 'Therapists’ daily digest' });
    await digest.getByLabel('Send at').fill('08:15');
    // A zone that does not exist is refused at its field, and nothing is saved.
    await digest.getByLabel('In the time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await digest.getByText(/IANA time zone/).waitFor();
    await digest.getByLabel('In the time zone').fill('America/Vancouver');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').first().waitFor();

    const defaults = page.getByRole('form', { name: 'Reminder defaults' });
    await defaults.getByRole('group', { name: 'Daily check-in' }).getByLabel('At').fill('19:45');
    await checkPage(page, 'admin-settings-reminders');
    await defaults.getByRole('button', { name: 'Save reminder defaults' }).click();
    await defaults.getByText(/Saved/).waitFor();

    const api = await apiSession(
      suite.server.url,
      suite.server.admin.email,
      suite.server.admin.recoveryCodes,
    );
    const saved = await api<{
      breakGlassMinutes: number;
      digestTime: string;
      digestTimeZone: string;
      reminderDefaults: { checkIn: { time: string } };
    }>('GET', '/api/clinic/settings');
    expect(saved.body).toMatchObject({
      breakGlassMinutes: 60,
      digestTime: '08:15',
      digestTimeZone: 'America/Vancouver',
      reminderDefaults: { checkIn: { time: '19:45' } },
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a therapist nudges a silent client from the caseload, with an e-mail', async () => {
    const api = await apiSession(
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    const goal = await api('POST', `/api/clients/${suite.server.client.clientId}/goals`, {
      title: 'Breathe before the bus',
    });
    expect(goal.status).toBe(201);

    // A PHQ-9 and no check-in since: the client shows as silent on the caseload.
    const client = await apiSession(suite.server.url, suite.server.client.email);
    const phq9 = await client(
      'POST',
      `/api/clients/${suite.server.client.clientId}/questionnaires`,
      {
        instrument: 'phq9',
        answers: [1, 1, 0, 0, 0, 0, 0, 0, 0],
      },
    );
    expect(phq9.status).toBe(201);

    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    await page.getByRole('link', { name: `Nudge ${suite.server.client.name}` }).click();
    const nudge = page.getByRole('region', { name: 'Send a nudge' });
    await nudge.waitFor();
    // Straight to the message, from the caseload's link.
    const message = nudge.getByLabel('Message', { exact: true });
    await expect.poll(() => message.evaluate((el) => el === document.activeElement)).toBe(true);
    // An empty message is refused in the form, naming what to do.
    await nudge.getByRole('button', { name: 'Send nudge' }).click();
    await nudge.getByText('Write a short message.').waitFor();
    await message.fill(nudgeText);
    await nudge.getByLabel(/Also e-mail them/).check();
    await nudge.getByRole('button', { name: 'Send nudge' }).click();
    await nudge.getByText('Sent. It is in the goal’s conversation.').waitFor();
    await checkPage(page, 'client-page-nudge');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the client on a phone sees the unread count, reads the nudge, and sets reminders', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    const link = page.getByRole('link', { name: /Notifications.*1 unread/ });
    await link.waitFor();
    await link.click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByText(nudgeText).waitFor();
    await checkPage(page, 'notifications-phone');
    await page.getByRole('button', { name: /Mark as read/ }).click();
    await page.getByText('All read').waitFor();
    await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Reminders' }).click();
    await page.getByRole('heading', { name: 'Reminders', level: 1 }).waitFor();
    await page.getByText(/clinic’s suggested settings/).waitFor();
    await page.getByLabel('By e-mail (no details, just a link)').check();
    const checkIn = page.getByRole('group', { name: 'Daily check-in' });
    // The clinic's default, set by the admin above.
    expect(await checkIn.getByLabel('At').inputValue()).toBe('19:45');
    await checkIn.getByLabel('At').fill('20:15');
    await checkPage(page, 'reminders-phone');
    await page.getByRole('button', { name: 'Save reminders' }).click();
    await page.getByText(/^✓ Saved/).waitFor();

    const api = await apiSession(suite.server.url, suite.server.client.email);
    const saved = await api<{ source: string; settings: { checkIn: { time: string } } }>(
      'GET',
      `/api/clients/${suite.server.client.clientId}/reminders`,
    );
    expect(saved.body.source).toBe('client');
    expect(saved.body.settings.checkIn.time).toBe('20:15');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an admin reads what would have been e-mailed, with no health information', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.admin.email,
      suite.server.admin.recoveryCodes,
    );
    await page.getByRole('link', { name: 'Outbox' }).click();
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    await page.getByText(/SMTP_URL is not set/).waitFor();
    await page.getByText('1 waiting · 0 sent · 0 failed').waitFor();
    await page.getByText('A message is waiting in Stepwise').click();
    const body = await page.locator('pre').first().innerText();
    expect(body).toContain('/notifications');
    expect(body).not.toContain('breathing');
    await checkPage(page, 'admin-outbox');
    expect(problems).toEqual([]);
    await context.close();
  });
});
