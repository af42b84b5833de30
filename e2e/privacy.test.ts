/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { checkPage, desktop, openPage, phone, signIn } from './support/browser.ts';
import { apiSession } from './support/api.ts';
import { browserSuite } from './support/suite.ts';

const suite = browserSuite({ enrolAdmin: true });

const sentinel = 'Lockbox sentinel: my brother and the money';

describe.sequential('Privacy (consent directives) in Chromium', () => {
  it('a client withholds a shared journal entry from staff, then shows it again', async () => {
    const client = await apiSession(suite.server.url, suite.server.client.email);
    const therapist = await apiSession(
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    const clientId = suite.server.client.clientId;
    const entry = await client('POST', `/api/clients/${clientId}/journal`, {
      body: sentinel,
      visibility: 'shared',
    });
    expect(entry.status).toBe(201);
    const staffJournal = async () =>
      (
        await therapist<{ entries: { body: string }[] }>('GET', `/api/clients/${clientId}/journal`)
      ).body.entries.map((e) => e.body);
    expect(await staffJournal()).toContain(sentinel);

    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    await page.getByRole('navigation').getByRole('link', { name: 'Privacy' }).click();
    await page.getByRole('heading', { name: 'Privacy', level: 1 }).waitFor();
    await page.getByText('Nothing is withheld').waitFor();
    await checkPage(page, 'client-privacy');

    const what = page.getByLabel('What to withhold');
    const option = what.locator('option', { hasText: 'Lockbox sentinel' });
    await option.waitFor({ state: 'attached' });
    await what.selectOption({ value: (await option.getAttribute('value')) ?? '' });
    await expect(page.getByLabel('From whom').inputValue()).resolves.toBe('');
    await page.getByRole('button', { name: 'Withhold' }).click();
    await page.getByText('Withheld. Staff it applies to no longer see it.').waitFor();
    await page.getByText('Withheld from: Everyone at the clinic').waitFor();
    await checkPage(page, 'client-privacy-withheld');

    expect(await staffJournal()).not.toContain(sentinel);
    const summary = await therapist<{ withheld?: { journal: number } }>(
      'GET',
      `/api/clients/${clientId}`,
    );
    expect(summary.body.withheld?.journal).toBe(1);

    // The therapist's client page says how much is withheld, and shows none of it.
    const staff = await openPage(suite.browser, desktop);
    await signIn(
      staff.page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    await staff.page.goto(`${suite.server.url}/clients/${clientId}`);
    await staff.page
      .getByText('some of this record is withheld from you: 1 journal entry')
      .waitFor();
    // The shared journal has loaded (empty for this therapist) before the page is read.
    await staff.page.getByText('No shared journal entries.').waitFor();
    expect(await staff.page.content()).not.toContain(sentinel);
    await checkPage(staff.page, 'therapist-client-withheld');
    expect(staff.problems).toEqual([]);
    await staff.context.close();

    // Keyboard alone: focus the "Show again" button and press Enter.
    await page.getByRole('button', { name: /^Show again: Journal entry/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Shown again to the people it was withheld from.').waitFor();
    await page.getByText('Nothing is withheld').waitFor();
    expect(await staffJournal()).toContain(sentinel);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("an admin records a client's written request to lock the record from one therapist", async () => {
    const therapist = await apiSession(
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    const caseload = async () =>
      (
        await therapist<{ clients: { id: string }[]; withheldRecords?: number }>(
          'GET',
          '/api/clients',
        )
      ).body;
    expect((await caseload()).clients.map((c) => c.id)).toContain(suite.server.client.clientId);

    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.admin.email,
      suite.server.admin.recoveryCodes,
    );
    await page.getByRole('navigation').getByRole('link', { name: 'Consent' }).click();
    await page.getByRole('heading', { name: 'Consent directives' }).waitFor();
    await page.getByLabel('Client').selectOption({ label: suite.server.client.name });
    await page.getByText('No directive is in force for this client.').waitFor();
    // Without the written request the server refuses, naming the field.
    await page.getByRole('button', { name: 'Withhold the whole record' }).click();
    await page.getByText(/^⚠ reason:/).waitFor();
    await page.getByLabel('The client’s written request').fill('Signed form, 2026-03-01');
    await page.getByLabel('From whom').selectOption({ label: suite.server.therapist.name });
    await page.getByRole('button', { name: 'Withhold the whole record' }).click();
    await page.getByText('Recorded. The record is withheld from the people chosen.').waitFor();
    await page.getByText(`Withheld from: ${suite.server.therapist.name}`).waitFor();
    await checkPage(page, 'admin-consent');

    const locked = await caseload();
    expect(locked.clients.map((c) => c.id)).not.toContain(suite.server.client.clientId);
    expect(locked.withheldRecords).toBe(1);

    await page.getByLabel('The client’s written request').fill('Client withdrew it, 2026-03-08');
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Revoked. The record shows again').waitFor();
    expect((await caseload()).clients.map((c) => c.id)).toContain(suite.server.client.clientId);
    expect(problems).toEqual([]);
    await context.close();
  });
});
