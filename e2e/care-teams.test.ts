/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/services/accounts.ts';
import { checkPage, desktop, openPage, signIn } from './support/browser.ts';
import { password } from './support/server.ts';
import { browserSuite } from './support/suite.ts';

const suite = browserSuite({ enrolAdmin: true });
let rosaId: string;

beforeAll(async () => {
  rosaId = (
    await createAccount(
      suite.server.store,
      { role: 'therapist', email: 'rosa@clinic.example', name: 'Rosa Rivera', password },
      new Date(),
    )
  ).id;
});

describe.sequential('Locations, care teams and the paired-outcome rule in Chromium', () => {
  it('an admin turns off the paired "neither reliably worse" clause, and back on', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.admin.email,
      suite.server.admin.recoveryCodes,
    );
    await page.getByRole('link', { name: 'Settings' }).click();
    const rule = page.getByLabel(
      'Count a reliable improvement only when neither questionnaire reliably worsened',
    );
    await expect.poll(() => rule.isChecked()).toBe(true);
    await rule.uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    await checkPage(page, 'admin-settings-paired');
    const stored = async () =>
      JSON.parse(
        (
          await suite.server.store.db
            .selectFrom('clinics')
            .select('settings')
            .executeTakeFirstOrThrow()
        ).settings,
      ).pairedImprovementRequiresNoDeterioration as boolean;
    expect(await stored()).toBe(false);
    await rule.check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(stored).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an admin adds, renames and archives a location', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.admin.email,
      suite.server.admin.recoveryCodes,
    );
    await page.getByRole('link', { name: 'Locations' }).click();
    await page.getByRole('heading', { name: 'Locations' }).waitFor();
    // An empty name is refused before it is sent, with a message that says what to do.
    await page.getByRole('button', { name: 'Add location' }).click();
    await page.getByText('Name the location, e.g. Barrie.').waitFor();
    await page.getByLabel('New location').fill('Whitby');
    await page.getByRole('button', { name: 'Add location' }).click();
    await page.getByRole('rowheader', { name: 'Whitby' }).waitFor();
    // The same name again, in another case: the server's 409 is shown.
    await page.getByLabel('New location').fill('whitby');
    await page.getByRole('button', { name: 'Add location' }).click();
    await page.getByText('The clinic already has a location by this name.').waitFor();

    await page.getByRole('button', { name: 'Rename Whitby' }).click();
    await page.getByLabel('New name for Whitby').fill('Whitby East');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('rowheader', { name: 'Whitby East' }).waitFor();
    await page.getByRole('button', { name: 'Archive Barrie' }).click();
    await page.getByRole('button', { name: 'Bring back Barrie' }).waitFor();
    await checkPage(page, 'admin-locations');
    await page.getByRole('button', { name: 'Bring back Barrie' }).click();
    await page.getByRole('button', { name: 'Archive Barrie' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an admin moves a client to a location and hands the care team to a new primary therapist', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.admin.email,
      suite.server.admin.recoveryCodes,
    );
    await page.getByRole('link', { name: 'Care teams' }).click();
    const card = page.getByRole('region', { name: /Casey Client/ });
    await card.getByText('Theo Therapist — primary therapist').waitFor();

    await card.getByLabel('Location of Casey Client').selectOption({ label: 'Whitby East' });
    await card.getByText('Saved.').waitFor();
    // Added by keyboard alone: focus the select, choose, tab to the button, press Enter.
    const add = card.getByLabel('Add a therapist to Casey Client’s care team');
    await add.focus();
    await add.selectOption({ label: 'Rosa Rivera' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await card
      .getByRole('button', { name: 'Make Rosa Rivera the primary therapist of Casey Client' })
      .click();
    await card.getByText('Rosa Rivera — primary therapist').waitFor();
    const remove = card.getByRole('button', {
      name: 'Remove Theo Therapist from Casey Client’s care team',
    });
    await remove.click();
    await remove.waitFor({ state: 'detached' });
    // Theo can be added back: he is offered again.
    await card.getByRole('option', { name: 'Theo Therapist' }).waitFor({ state: 'attached' });
    await checkPage(page, 'admin-care-teams');

    const client = await suite.server.store.db
      .selectFrom('clients')
      .innerJoin('locations', 'locations.id', 'clients.location_id')
      .select(['clients.primary_therapist_id', 'locations.name'])
      .where('clients.id', '=', suite.server.client.clientId)
      .executeTakeFirstOrThrow();
    expect(client).toEqual({ primary_therapist_id: rosaId, name: 'Whitby East' });
    const team = await suite.server.store.db
      .selectFrom('care_team')
      .select(['user_id', 'is_primary'])
      .where('client_id', '=', suite.server.client.clientId)
      .execute();
    expect(team).toEqual([{ user_id: rosaId, is_primary: 1 }]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
