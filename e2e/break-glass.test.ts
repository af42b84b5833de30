/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/services/accounts.ts';
import { timeStep } from '../src/services/totp.ts';
import { checkPage, desktop, openPage, signIn } from './support/browser.ts';
import { password, totpNow } from './support/server.ts';
import { browserSuite } from './support/suite.ts';

const suite = browserSuite({ enrolAdmin: true });

beforeAll(async () => {
  // A client of another therapist: not on Theo's caseload.
  const now = new Date();
  await createAccount(
    suite.server.store,
    { role: 'therapist', email: 'olga@clinic.example', name: 'Olga Other', password },
    now,
  );
  await createAccount(
    suite.server.store,
    {
      role: 'client',
      email: 'omar@client.example',
      name: 'Omar Outside',
      password,
      therapistEmail: 'olga@clinic.example',
    },
    now,
  );
});

/** A TOTP code of a later 30 s step than the one spent at enrolment (codes are single-use). */
async function freshCode(secret: string, spentStep: number): Promise<string> {
  while (timeStep(new Date()) <= spentStep) await new Promise((r) => setTimeout(r, 500));
  return totpNow(secret);
}

describe.sequential('Break the glass, and the privacy officer’s review, in Chromium', () => {
  const enrolledStep = timeStep(new Date());

  it('a therapist opens a record outside their caseload, with a reason and their code', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    await page.getByRole('link', { name: 'Break the glass' }).click();
    await page.getByRole('heading', { name: 'Break the glass' }).waitFor();
    await page.getByLabel('Client’s name').fill('casey');
    await page.getByRole('button', { name: 'Search' }).click();
    // Casey is on Theo's caseload already: not offered.
    await page.getByText('No client outside your caseload has that name.').waitFor();
    await page.getByLabel('Client’s name').fill('omar');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: 'Open Omar Outside’s record…' }).click();
    await page.getByRole('heading', { name: 'Open Omar Outside’s record' }).waitFor();

    // Too short a reason is refused before anything is sent.
    await page.getByLabel('Why do you need this record now?').fill('urgent');
    await page.getByRole('button', { name: 'Open the record' }).click();
    await page
      .getByRole('status')
      .getByText(/at least 20 characters/)
      .waitFor();
    await checkPage(page, 'therapist-break-glass');

    await page
      .getByLabel('Why do you need this record now?')
      .fill('Omar called the front desk in crisis; Olga is away until Monday.');
    await page.getByLabel('Your password').fill(password);
    await page
      .getByLabel('6-digit code from your authenticator app')
      .fill(await freshCode(suite.server.therapist.totpSecret, enrolledStep));
    await page.getByRole('button', { name: 'Open the record' }).click();
    await page.getByRole('heading', { name: 'Omar Outside', level: 1 }).waitFor();
    const banner = page.getByRole('region', { name: 'Break the glass' });
    await banner
      .getByText(/Emergency access \(break the glass\) — (1 h 59 min|2 h) left\./)
      .waitFor();
    await banner.getByText('Your reason: Omar called the front desk in crisis').waitFor();
    await checkPage(page, 'therapist-break-glass-client');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the privacy officer sees it at once, closes the review, and reads the report', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.admin.email,
      suite.server.admin.recoveryCodes,
    );
    // No privacy officer named yet: every admin acts as one, and is told.
    await page.getByRole('link', { name: 'Privacy review (1 new)' }).click();
    await page.getByRole('heading', { name: 'Break-the-glass review' }).waitFor();
    const card = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: 'Theo Therapist opened Omar Outside’s record' }),
    });
    await card.getByText('Open now').waitFor();
    await page.getByRole('link', { name: 'Privacy review', exact: true }).waitFor();
    await checkPage(page, 'privacy-review');
    await card.getByRole('button', { name: 'Close review' }).click();
    await card.getByText('Choose justified or not justified.').waitFor();
    await card.getByLabel('Justified', { exact: true }).check();
    await card.getByLabel('Note').fill('Confirmed with Olga: imminent risk, access was needed.');
    await card.getByRole('button', { name: 'Close review' }).click();
    await page.getByText('Nothing awaits review.').waitFor();
    await page.getByLabel('Show').selectOption({ label: 'Reviewed' });
    await page.getByText(/✓ Justified — Ada Admin/).waitFor();

    await page.getByRole('link', { name: 'Off-caseload access' }).click();
    await page.getByRole('heading', { name: 'Staff access outside the caseload' }).waitFor();
    const theo = page.getByRole('region', { name: /Theo Therapist/ });
    const row = theo.getByRole('row', { name: /Omar Outside/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    // Every event on Omar's record (opening it, then reading it) was under break the glass.
    expect(Number(cells[0])).toBeGreaterThan(1);
    expect(cells[1]).toBe(cells[0]);
    await checkPage(page, 'privacy-snooping');
    expect(problems).toEqual([]);
    await context.close();
  });
});
