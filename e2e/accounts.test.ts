/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they see its DOM globals.
import { describe, expect, it } from 'vitest';
import { checkPage, desktop, openPage, phone, signIn } from './support/browser.ts';
import { password } from './support/server.ts';
import { browserSuite } from './support/suite.ts';

const suite = browserSuite({ enrolAdmin: true });

const goalTitle = 'Practise mindfulness for 10 minutes daily';

describe.sequential('Accounts and clinic administration in Chromium', () => {
  it('sign-in page: a deep link without a session lands on it', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await page.goto(`${suite.server.url}/goals`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await checkPage(page, 'login');
    await page.getByLabel('E-mail').fill(suite.server.client.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That e-mail and password do not match an account.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an ended session sends the person back to sign in', async () => {
    const { page, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    await suite.server.store.db.deleteFrom('auth_sessions').execute();
    // The next request answers 401 (a background refresh may get there before this click).
    await page
      .getByRole('link', { name: 'Journal' })
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await page.getByText('Your session has ended. Please sign in again.').waitFor();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await context.close();
  });

  it('a clinic admin reviews the goal templates and the access log', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.admin.email,
      suite.server.admin.recoveryCodes,
    );
    await page.getByRole('link', { name: 'Templates' }).click();
    const archive = page.getByRole('button', { name: `Archive “${goalTitle}”` });
    await archive.click();
    await page.getByRole('button', { name: `Restore “${goalTitle}”` }).waitFor();
    await checkPage(page, 'admin-templates');
    await page.getByRole('button', { name: `Restore “${goalTitle}”` }).click();
    await archive.waitFor();

    await page.getByRole('link', { name: 'Access log' }).click();
    await page
      .getByLabel('Client', { exact: true })
      .selectOption({ label: suite.server.client.name });
    // Signing in opened the caseload, which read (and logged) the client's summary.
    await page.getByRole('cell', { name: 'client.list' }).first().waitFor();
    await checkPage(page, 'admin-access-log');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an admin invites a therapist, who sets a password from the link and must enrol', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.admin.email,
      suite.server.admin.recoveryCodes,
    );
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { name: 'Invite someone' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Priya Patel');
    await page.getByLabel('E-mail', { exact: true }).fill('priya@clinic.example');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const link = await page.getByLabel(/One-time link for Priya Patel/).inputValue();
    expect(link).toMatch(/\/welcome#token=/);
    await page.getByRole('rowheader', { name: /Priya Patel/ }).waitFor();
    await checkPage(page, 'admin-people');

    const invited = await openPage(suite.browser, phone);
    await invited.page.goto(link);
    await invited.page.getByRole('heading', { name: 'Welcome to Stepwise' }).waitFor();
    await checkPage(invited.page, 'welcome-set-password');
    await invited.page.getByLabel('New password').fill('Harbour-lights-2026-violet-kite');
    await invited.page.getByRole('button', { name: 'Set password' }).click();
    await invited.page.getByText('Your password is set. You can sign in now.').waitFor();
    await invited.page.getByRole('link', { name: 'Sign in' }).click();
    await invited.page.getByLabel('E-mail').fill('priya@clinic.example');
    await invited.page.getByLabel('Password').fill('Harbour-lights-2026-violet-kite');
    await invited.page.getByRole('button', { name: 'Sign in' }).click();
    await invited.page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    expect([...problems, ...invited.problems]).toEqual([]);
    await invited.context.close();
    await context.close();
  });

  it('a client sees where they are signed in and changes their password', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    await page.getByRole('link', { name: /Account: Casey Client/ }).click();
    await page.getByRole('heading', { name: 'My account' }).waitFor();
    await page.getByText('this device').waitFor();
    await page.getByLabel('Current password').fill(password);
    await page.getByLabel('New password').fill('Maple-harbour-2027-quiet-lantern');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. You are signed out everywhere else.').waitFor();
    await checkPage(page, 'client-account');
    expect(problems).toEqual([]);
    await context.close();
  });
});
