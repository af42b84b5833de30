/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, launch, openPage, phone, signIn } from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('Keeping well in Chromium', () => {
  it('a client writes their relapse-prevention plan on a phone and downloads it as a PDF', async () => {
    const { page, problems, context } = await openPage(browser, phone);
    await signIn(page, server.url, server.client.email);
    await page.getByRole('link', { name: 'Keeping well' }).click();
    await page.getByRole('heading', { name: 'My plan for keeping well' }).waitFor();
    await checkPage(page, 'keeping-well-empty');

    await page.getByLabel('Early warning signs').fill('Sleeping past noon\nSkipping walks');
    await page.getByLabel('What helps').fill('A walk before breakfast');
    await page.getByLabel('Contact 1: name').fill('Dana (sister)');
    await page.getByLabel('Contact 1: how to reach them').fill('705-555-0199');
    await page.getByRole('button', { name: 'Add a contact' }).click();
    await page.getByLabel('Contact 2: name').fill('Dr. Tran');
    await page.getByRole('button', { name: 'Save my plan' }).click();
    await page.getByText('Saved. You can download it any time.').waitFor();

    const saved = await server.store.db
      .selectFrom('relapse_plans')
      .selectAll()
      .where('client_id', '=', server.client.clientId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(saved.warning_signs)).toEqual(['Sleeping past noon', 'Skipping walks']);
    expect(JSON.parse(saved.contacts)).toEqual([
      { name: 'Dana (sister)', how: '705-555-0199' },
      { name: 'Dr. Tran' },
    ]);

    await page.getByRole('button', { name: 'Download as PDF' }).click();
    const link = page.getByRole('link', { name: /Save relapse-prevention-plan-.*\.pdf/ });
    await link.waitFor();
    const download = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download[0].suggestedFilename()).toMatch(
      /^relapse-prevention-plan-\d{4}-\d\d-\d\d\.pdf$/,
    );
    await checkPage(page, 'keeping-well-saved');

    // Reloading shows the plan as saved.
    await page.reload();
    await expect.poll(() => page.getByLabel('Contact 2: name').inputValue()).toBe('Dr. Tran');
    expect(problems).toEqual([]);
    await context.close();
  });
});
