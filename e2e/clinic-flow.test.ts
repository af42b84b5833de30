/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they see its DOM globals.
import { describe, expect, it } from 'vitest';
import { checkPage, desktop, openPage, phone, signIn } from './support/browser.ts';
import { apiSession } from './support/api.ts';
import { countCheckIns, eventually, openRiskAlerts } from './support/db.ts';
import { password, totpNow } from './support/server.ts';
import { browserSuite } from './support/suite.ts';

const suite = browserSuite();

const template = 'anxiety: Practise mindfulness for 10 minutes daily';
const goalTitle = 'Practise mindfulness for 10 minutes daily';
const clinicLine = 'Barrie front desk, weekdays 9 to 5: 705-555-0100';

function inWeeks(n: number): string {
  return new Date(Date.now() + n * 7 * 86_400_000).toISOString().slice(0, 10);
}

describe.sequential('A clinic day in Chromium: goal, check-ins, PHQ-9, alert, review', () => {
  it('a clinic admin enrols an authenticator, then sets the crisis resources clients see', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await page.goto(`${suite.server.url}/login`);
    await page.getByLabel('E-mail').fill(suite.server.admin.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
    await checkPage(page, 'mfa-enrol');
    await page.getByLabel('6-digit code from your authenticator app').fill(totpNow(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    suite.server.admin.recoveryCodes.push(
      ...(await page.locator('.recovery-codes code').allInnerTexts()),
    );
    expect(suite.server.admin.recoveryCodes).toHaveLength(10);
    await page.getByRole('button', { name: /I have saved them/ }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    const text = page.getByLabel('Crisis resources');
    await expect.poll(() => text.inputValue()).toMatch(/9-8-8/);
    await text.fill(`${await text.inputValue()}\n${clinicLine}`);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    await checkPage(page, 'admin-settings');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a therapist builds a goal from a template with steps and a practice', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    await page.getByRole('heading', { name: 'Caseload' }).waitFor();
    await page.getByRole('link', { name: suite.server.client.name }).first().waitFor();
    await checkPage(page, 'therapist-dashboard');

    await page.getByRole('link', { name: suite.server.client.name }).first().click();
    await page.getByRole('heading', { name: suite.server.client.name, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New goal' }).click();
    await page.getByLabel('Start from a template').selectOption({ label: template });
    await expect.poll(() => page.getByLabel('Goal', { exact: true }).inputValue()).toBe(goalTitle);
    await page.getByLabel('Baseline (now)').fill('7');
    await page.getByLabel('Target', { exact: true }).fill('3');
    await page.getByLabel('By (date)').fill(inWeeks(8));
    await page.getByLabel('New step').fill('Tell my partner about the plan');
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByLabel('New practice').fill('Box breathing');
    await page.getByLabel('Minutes each time (optional)').fill('5');
    await page.getByRole('button', { name: 'Add practice' }).click();
    await page.getByText('Step: Tell my partner about the plan').waitFor();
    await page.locator('.smart-criteria .met').first().waitFor();
    await checkPage(page, 'therapist-goal-editor');
    await page.getByLabel('Rate this goal with a GAS scale').check();
    const gas = {
      '−2: much less than expected': 'No practice at all',
      '−1: somewhat less than expected': 'Practice 1 or 2 days a week',
      '0: the expected outcome': 'Practice 4 days a week',
      '+1: somewhat more than expected': 'Practice 5 or 6 days a week',
      '+2: much more than expected': 'Practice every day',
    };
    for (const [label, text] of Object.entries(gas)) await page.getByLabel(label).fill(text);
    await page.getByRole('button', { name: 'Create goal' }).click();

    await page.getByRole('heading', { name: goalTitle, level: 1 }).waitFor();
    for (const step of ['Choose a quiet time and place', 'Tell my partner about the plan'])
      await page.getByRole('checkbox', { name: step }).waitFor();
    for (const practice of ['Mindfulness practice', 'Box breathing'])
      await page.getByRole('button', { name: new RegExp(`Mark done\\W+${practice}`) }).waitFor();
    await page.getByText(/created this goal/).waitFor();
    await checkPage(page, 'therapist-goal');

    // Ask the client for a PHQ-9 so it is due on their Today.
    await page.getByRole('link', { name: /Back to the client/ }).click();
    await page.getByLabel('Questionnaire', { exact: true }).selectOption('phq9');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByText('Scheduled.').waitFor();
    await checkPage(page, 'therapist-client');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a client checks in on a 375 px phone in three taps', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    const before = await countCheckIns(suite.server.store, suite.server.client.clientId);
    await page.getByLabel(/Anxiety today/).fill('4');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByText(/Saved at/).waitFor();
    await eventually(
      async () =>
        (await countCheckIns(suite.server.store, suite.server.client.clientId)) === before + 1,
    );
    await page.getByRole('button', { name: /Mark done\W+Mindfulness practice/ }).click();
    await page
      .getByRole('button', { name: /Done today\W+Mindfulness practice/, pressed: true })
      .waitFor();
    await checkPage(page, 'client-today');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a client answers a PHQ-9 with item 9 above 0 and sees crisis resources at once', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    await page.getByRole('link', { name: /Start PHQ-9/ }).click();
    for (let i = 1; i <= 9; i++) {
      await page.getByText(`Question ${i} of 9`).waitFor();
      await page.getByLabel(i === 9 ? 'Several days' : 'More than half the days').check();
      if (i === 9) {
        await page.getByRole('heading', { name: /Help is available now/ }).waitFor();
        await page.getByText(clinicLine).waitFor();
        await checkPage(page, 'client-phq9-crisis');
        await page.getByRole('button', { name: 'Send my answers' }).click();
      } else {
        await page.getByRole('button', { name: 'Next' }).click();
      }
    }
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    await page.getByRole('heading', { name: /Help is available now/ }).waitFor();
    await page.getByText(/9-8-8/).first().waitFor();
    await checkPage(page, 'client-phq9-done');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the therapist sees the risk alert first and acknowledges it with a note', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    const first = page.locator('.open-alerts li').first();
    await first.getByText('Risk').waitFor();
    await first.getByRole('link', { name: suite.server.client.name }).waitFor();
    await checkPage(page, 'therapist-dashboard-risk');
    await first.getByRole('button', { name: 'Acknowledge' }).click();
    await first.getByRole('button', { name: 'Acknowledge alert' }).click();
    await first.getByText('A risk alert needs a note saying what was done.').waitFor();
    await first
      .getByLabel(/What was done/)
      .fill('Called Casey; safety plan reviewed, 9-8-8 given.');
    await first.getByRole('button', { name: 'Acknowledge alert' }).click();
    await page.getByText(`Alert for ${suite.server.client.name} acknowledged.`).waitFor();
    const alerts = await openRiskAlerts(suite.server.store, suite.server.client.clientId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.acknowledged_at).toBeTruthy();
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByLabel('All, with acknowledged').check();
    await page.getByText(/Acknowledged by Theo Therapist/).waitFor();
    await checkPage(page, 'therapist-alerts');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('check-ins made offline are each stored once when the phone is back online', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    const before = await countCheckIns(suite.server.store, suite.server.client.clientId);
    // Today is loaded (as on a phone opened at home), then the train enters the tunnel.
    await page.getByRole('slider', { name: /Anxiety today/ }).waitFor();
    await context.setOffline(true);
    await page.getByLabel(/Anxiety today/).fill('3');
    await page.getByRole('button', { name: 'Add a note' }).click();
    await page.getByLabel('Note (optional)').fill('On the train, no signal');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page
      .getByText(/Saved on this device/)
      .first()
      .waitFor();
    // A second one while still offline: the queue later sends both in one batch request.
    await page.getByLabel(/Anxiety today/).fill('2');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page
      .getByText('2 check-ins are saved on this device and will be sent when you are back online.')
      .waitFor();
    await checkPage(page, 'client-offline-queued');
    expect(await countCheckIns(suite.server.store, suite.server.client.clientId)).toBe(before);
    await context.setOffline(false);
    await page.getByText(/Saved at/).waitFor({ timeout: 15_000 });
    await eventually(
      async () =>
        (await countCheckIns(suite.server.store, suite.server.client.clientId)) === before + 2,
    );
    // Reloading (and any retry) sends nothing again: the queue is empty and ids are idempotent.
    await page.reload();
    await page.getByRole('heading', { name: /Hello, Casey/ }).waitFor();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await countCheckIns(suite.server.store, suite.server.client.clientId)).toBe(before + 2);
    expect(await page.evaluate(() => localStorage.getItem('stepwise.check-in-queue.v1'))).toContain(
      '"items":[]',
    );
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(
      await page.evaluate(() => localStorage.getItem('stepwise.check-in-queue.v1')),
    ).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a check-in works from the keyboard alone', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    const before = await countCheckIns(suite.server.store, suite.server.client.clientId);
    await page.getByRole('slider', { name: /Anxiety today/ }).focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByRole('slider').first().inputValue()).toBe('3');
    await page.keyboard.press('Tab'); // "Add a note"
    await page.keyboard.press('Tab'); // "Save"
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Save');
    await page.keyboard.press('Enter');
    await page.getByText(/Saved at/).waitFor();
    await eventually(
      async () =>
        (await countCheckIns(suite.server.store, suite.server.client.clientId)) === before + 1,
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it("the client's other pages: goals, a goal with its chart and history, journal, my data", async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    await page.getByRole('link', { name: 'My goals' }).click();
    await page.getByRole('link', { name: goalTitle }).waitFor();
    await checkPage(page, 'client-goals');
    await page.getByRole('link', { name: goalTitle }).click();
    await page.getByRole('img', { name: /Anxiety today over time/ }).waitFor();
    await page.getByText('Show the numbers as a table').click();
    await page.getByRole('cell', { name: 'On the train, no signal' }).waitFor();
    await page.getByLabel('Write a comment').fill('The breathing helps before meetings.');
    await page.getByRole('button', { name: 'Send comment' }).click();
    await page.getByText('The breathing helps before meetings.').last().waitFor();
    await checkPage(page, 'client-goal');

    await page.getByRole('link', { name: 'Journal' }).click();
    await page.getByLabel('Entry', { exact: true }).fill('Noticed the worry and let it pass.');
    await page.getByLabel(/Shared/).check();
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByText('Entry saved.').waitFor();
    await page.locator('.journal-shared').getByText('Noticed the worry and let it pass.').waitFor();
    await checkPage(page, 'client-journal');

    await page.getByRole('link', { name: 'My data' }).click();
    await page.getByRole('button', { name: 'Prepare: Everything (JSON)' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /^↓ Download .+\.json$/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.json$/);
    const saved = await file.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(saved, 'utf8')).toContain('Noticed the worry and let it pass.');
    await checkPage(page, 'client-my-data');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a stale goal edit (412) shows what changed and re-applies only this edit', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    await page.getByRole('link', { name: suite.server.client.name }).first().click();
    await page.getByRole('link', { name: goalTitle }).click();
    await page.getByRole('link', { name: 'Edit this goal' }).click();
    await page.getByLabel('Target', { exact: true }).fill('2');
    await page.getByLabel('Reason for this change (optional)').fill('Two good weeks in a row');

    // Meanwhile a colleague renames the goal.
    const colleague = await apiSession(
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    const goals = await colleague<{ goals: { id: string; title: string }[] }>(
      'GET',
      `/api/clients/${suite.server.client.clientId}/goals`,
    );
    const goalId = goals.body.goals.find((g) => g.title === goalTitle)?.id ?? '';
    const current = await colleague('GET', `/api/goals/${goalId}`);
    const renamed = await colleague(
      'PATCH',
      `/api/goals/${goalId}`,
      { title: 'Practise mindfulness for 15 minutes daily', reason: 'Casey asked for longer' },
      { 'if-match': current.etag ?? '' },
    );
    expect(renamed.status).toBe(200);

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Someone else changed this goal' }).waitFor();
    await page.getByRole('cell', { name: 'Practise mindfulness for 15 minutes daily' }).waitFor();
    await checkPage(page, 'therapist-goal-stale');
    await page.getByRole('button', { name: 'Re-apply my changes' }).click();
    await page.getByText('Saved.').waitFor();

    const after = await colleague<{ title: string; target: number; version: number }>(
      'GET',
      `/api/goals/${goalId}`,
    );
    expect(after.body).toMatchObject({
      title: 'Practise mindfulness for 15 minutes daily',
      target: 2,
    });
    await page.getByRole('link', { name: /Back to the goal/ }).click();
    await page
      .getByText(/changed the target from 3 to 2 — reason: Two good weeks in a row/)
      .waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the therapist reviews the session: digest and a clinician-only note', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    await page.getByRole('link', { name: suite.server.client.name }).first().click();
    await page.getByRole('link', { name: 'Prepare the session' }).click();
    await page.getByRole('heading', { name: /Session review/ }).waitFor();
    await page.getByText(/check-ins? on/).waitFor();
    await page.getByLabel(/\+1: somewhat more than expected/).check();
    await page.getByRole('button', { name: 'Save rating' }).click();
    await page.getByText('Rated.').waitFor();
    await page
      .getByLabel('Clinician-only note', { exact: true })
      .fill('Reviewed the safety plan together.');
    await page.getByRole('button', { name: 'Record session' }).click();
    await page.getByText('Session recorded.').waitFor();
    await page.getByText('Reviewed the safety plan together.').waitFor();
    await checkPage(page, 'therapist-session-review');
    await page.getByRole('link', { name: /Back to the client/ }).click();
    // One goal rated +1, weight 1: Kiresuk–Sherman T = 50 + 10 × 1 / √(0.7 + 0.3) = 60.
    await page.getByText('T-score 60 (50 = as expected)').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
