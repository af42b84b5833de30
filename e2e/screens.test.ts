/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they see its DOM globals.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { checkPage, desktop, launch, openPage, signIn } from './support/browser.ts';
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

/** A calendar day in Toronto (the test client's zone), `n` days from now. */
function torontoDay(n: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(
    new Date(Date.now() + n * 86_400_000),
  );
}

describe.sequential('The caseload, the client record and the client screens in Chromium', () => {
  it("the caseload shows each client's next session and sorts by it", async () => {
    const therapist = await apiSession(
      server.url,
      server.therapist.email,
      server.therapist.recoveryCodes,
    );
    for (const date of [torontoDay(-7), torontoDay(9), torontoDay(2)]) {
      const res = await therapist('POST', `/api/clients/${server.client.clientId}/sessions`, {
        date,
      });
      expect(res.status).toBe(201);
    }
    const expected = new Intl.DateTimeFormat('en-CA', {
      dateStyle: 'medium',
      timeZone: 'UTC',
    }).format(new Date(`${torontoDay(2)}T12:00:00Z`));

    const { page, problems, context } = await openPage(browser, desktop);
    await signIn(page, server.url, server.therapist.email, server.therapist.recoveryCodes);
    const table = page.getByRole('table', { name: 'Clients, most urgent first' });
    await table.getByRole('columnheader', { name: 'Next session' }).waitFor();
    const row = table.getByRole('row', { name: new RegExp(server.client.name) });
    await expect
      .poll(() => row.getByRole('cell').last().innerText())
      .toBe(`${expected}\nwith ${server.therapist.name}`);
    await page.getByLabel('Sort by').selectOption({ label: 'Next session soonest' });
    await checkPage(page, 'therapist-dashboard-next-session');
    expect(problems).toEqual([]);
    await context.close();
  });
});
