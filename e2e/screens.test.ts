/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they see its DOM globals.
import type { Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { checkPage, desktop, openPage, phone, signIn } from './support/browser.ts';
import { countCheckIns, eventually } from './support/db.ts';
import { password, totpNow } from './support/server.ts';
import { browserSuite } from './support/suite.ts';

const suite = browserSuite();

// jsqr is CommonJS whose types declare an ES default export: require it as what it is.
const jsQR = createRequire(import.meta.url)('jsqr') as (
  pixels: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

/** What a phone's camera would read: the element's pixels decoded by jsQR (a separate reader). */
async function scanQr(page: Page, selector: string): Promise<string | undefined> {
  const png = (await page.locator(selector).screenshot()).toString('base64');
  const blank = await page.context().newPage();
  const image = await blank.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height);
    return { width: data.width, height: data.height, pixels: Array.from(data.data) };
  }, png);
  await blank.close();
  return jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height)?.data;
}

/** A calendar day in Toronto (the test client's zone), `n` days from now. */
function torontoDay(n: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(
    new Date(Date.now() + n * 86_400_000),
  );
}

describe.sequential('The caseload, the client record and the client screens in Chromium', () => {
  it("the caseload shows each client's next session and sorts by it", async () => {
    const therapist = await apiSession(
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    for (const date of [torontoDay(-7), torontoDay(9), torontoDay(2)]) {
      const res = await therapist('POST', `/api/clients/${suite.server.client.clientId}/sessions`, {
        date,
      });
      expect(res.status).toBe(201);
    }
    const expected = new Intl.DateTimeFormat('en-CA', {
      dateStyle: 'medium',
      timeZone: 'UTC',
    }).format(new Date(`${torontoDay(2)}T12:00:00Z`));

    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    const table = page.getByRole('table', { name: 'Clients, most urgent first' });
    await table.getByRole('columnheader', { name: 'Next session' }).waitFor();
    const row = table.getByRole('row', { name: new RegExp(suite.server.client.name) });
    await expect
      .poll(() => row.getByRole('cell').last().innerText())
      .toBe(`${expected}\nwith ${suite.server.therapist.name}`);
    await page.getByLabel('Sort by').selectOption({ label: 'Next session soonest' });
    await checkPage(page, 'therapist-dashboard-next-session');
    await row.getByRole('link', { name: suite.server.client.name }).click();
    await page.getByText(`Next session ${expected}`).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the client page shows a timeline of check-ins with notes, newest first, paged', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    await page.goto(`${suite.server.url}/clients/${suite.server.client.clientId}`);
    const timeline = page.getByRole('region', { name: 'Check-ins' });
    await timeline.getByText('No check-ins yet.').waitFor();

    const therapist = await apiSession(
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    const goal = await therapist<{ measureId: string }>(
      'POST',
      `/api/clients/${suite.server.client.clientId}/goals`,
      {
        title: 'Sleep better',
        status: 'active',
        measure: { name: 'Sleep quality', kind: 'scale', better: 'higher' },
      },
    );
    expect(goal.status).toBe(201);
    const client = await apiSession(suite.server.url, suite.server.client.email);
    // 25 check-ins an hour apart: the newest (n = 25) is a minute ago; every fifth has a note.
    const sent = await client(
      'POST',
      `/api/clients/${suite.server.client.clientId}/check-ins/batch`,
      {
        checkIns: Array.from({ length: 25 }, (_, i) => ({
          id: randomUUID(),
          measureId: goal.body.measureId,
          value: i % 11,
          at: new Date(Date.now() - 60_000 - (24 - i) * 3_600_000).toISOString(),
          ...(i % 5 === 4 ? { note: `Note number ${i + 1}` } : {}),
        })),
      },
    );
    expect(sent.status).toBe(200);

    // Loading fails (retries too): the timeline says so and offers to try again.
    let failing = true;
    await page.route('**/api/clients/*/check-ins?limit=*', (route) =>
      failing
        ? route.fulfill({
            status: 503,
            contentType: 'application/problem+json',
            body: JSON.stringify({ title: 'Unavailable', status: 503, detail: 'Try later.' }),
          })
        : route.continue(),
    );
    await page.reload();
    await timeline.getByRole('alert').getByText('Try later.').waitFor();
    failing = false;
    await timeline.getByRole('button', { name: 'Try again' }).click();

    const items = timeline.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(20);
    await expect(items.first().innerText()).resolves.toMatch(/^Sleep quality: 2 \/ 10/);
    await items.first().getByText('Note number 25').waitFor();
    await checkPage(page, 'therapist-client-check-ins');
    await timeline.getByRole('button', { name: 'Show older check-ins' }).click();
    await expect.poll(() => items.count()).toBe(25);
    await expect(items.last().innerText()).resolves.toMatch(/^Sleep quality: 0 \/ 10/);
    await expect(
      timeline.getByRole('button', { name: 'Show older check-ins' }).count(),
    ).resolves.toBe(0);
    expect(await timeline.getByText(/^Note number/).allInnerTexts()).toEqual(
      ['25', '20', '15', '10', '5'].map((n) => `Note number ${n}`),
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a new admin enrols an authenticator by scanning a QR code; the key stays as text', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await page.goto(`${suite.server.url}/login`);
    await page.getByLabel('E-mail').fill(suite.server.admin.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    const qr = page.getByRole('img', { name: 'QR code to add Stepwise to an authenticator app' });
    await qr.waitFor();
    const link = await page
      .getByRole('link', { name: 'Open in an authenticator app' })
      .getAttribute('href');
    expect(link).toMatch(/^otpauth:\/\/totp\//);
    const scanned = await scanQr(page, 'svg.qr-code');
    expect(scanned).toBe(link);
    const secret = new URL(scanned!).searchParams.get('secret')!;
    const shown = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
    expect(shown).toBe(secret);
    await checkPage(page, 'mfa-enrol-qr');

    await page.getByLabel('6-digit code from your authenticator app').fill(totpNow(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    suite.server.admin.recoveryCodes.push(
      ...(await page.locator('.recovery-codes code').allInnerTexts()),
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a client's Today stays on the phone without signal, even reopened, and check-ins queue", async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    const slider = page.getByRole('slider', { name: /Sleep quality/ });
    await slider.waitFor();
    // The service worker keeps the app's files; the Today cache is written for this person.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cacheKey = 'stepwise.today-cache.v1';
    await expect
      .poll(() => page.evaluate((k) => localStorage.getItem(k), cacheKey))
      .toMatch(
        new RegExp(
          `"owner":\\{"id":"${suite.server.client.id}".*"name":"Sleep quality".*questionnaires-due`,
        ),
      );
    const before = await countCheckIns(suite.server.store, suite.server.client.clientId);

    // The phone has signal but the server is down (a proxy answers 502): the kept Today too.
    await page.route('**/api/**', (route) =>
      route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad gateway' }),
    );
    await page.reload();
    await slider.waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Stepwise cannot be reached — showing what was loaded at/ })
      .waitFor();
    await page.unroute('**/api/**');
    await page.reload();
    await slider.waitFor();

    await context.setOffline(true);
    const banner = page.getByRole('status').filter({ hasText: 'Offline' });
    await expect
      .poll(() => banner.innerText())
      .toMatch(/^Offline — showing what was loaded at \d{1,2}:\d{2}\s?[ap]\.m\.$/m);

    // The tab is closed and opened again, still without signal: Today from the device.
    await page.reload();
    await slider.waitFor();
    await banner.waitFor();
    await slider.fill('6');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page
      .getByText('1 check-in is saved on this device and will be sent when you are back online.')
      .waitFor();
    await checkPage(page, 'client-today-offline');
    expect(await countCheckIns(suite.server.store, suite.server.client.clientId)).toBe(before);

    await context.setOffline(false);
    await eventually(
      async () =>
        (await countCheckIns(suite.server.store, suite.server.client.clientId)) === before + 1,
      15_000,
    );
    await expect.poll(() => banner.count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate((k) => localStorage.getItem(k), cacheKey)).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a client sees who has viewed their record, anyone off their care team first', async () => {
    // The clinic admin (not on Casey's care team) opens the record.
    const admin = await apiSession(
      suite.server.url,
      suite.server.admin.email,
      suite.server.admin.recoveryCodes,
    );
    expect((await admin('GET', `/api/clients/${suite.server.client.clientId}`)).status).toBe(200);

    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    await page.getByRole('link', { name: 'My data' }).click();
    await page.getByRole('link', { name: 'Who has viewed my record' }).click();
    await page.getByRole('heading', { name: 'Who has viewed my record', level: 1 }).waitFor();
    const people = page
      .getByRole('list', { name: 'Who has viewed my record' })
      .getByRole('listitem');
    await people.first().waitFor();
    const names = await people.getByRole('heading', { level: 2 }).allInnerTexts();
    // Off-team first (Stepwise's own scheduled jobs may be among them, unflagged).
    const adminAt = names.indexOf(suite.server.admin.name);
    expect(adminAt).toBeGreaterThanOrEqual(0);
    expect(adminAt).toBeLessThan(names.indexOf(suite.server.therapist.name));
    expect(adminAt).toBeLessThan(names.indexOf('You'));
    const first = await people.nth(adminAt).innerText();
    expect(first).toMatch(/Not on your care team/);
    expect(first).toMatch(/Clinic administrator/);
    expect(first).toMatch(/Viewed 1 time, changed 0 times\./);
    await expect(
      people.filter({ hasText: suite.server.therapist.name }).innerText(),
    ).resolves.toMatch(/On your care team/);
    await checkPage(page, 'client-access-report');

    // Nothing is in the log from tomorrow on.
    await page.getByLabel('From (date)').fill(torontoDay(2));
    await page.getByText('Nobody opened your record in these dates.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a client proposes a goal on a phone with the same form the therapist uses, simplified', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    await page.getByRole('link', { name: 'My goals' }).click();
    await page.getByRole('link', { name: 'Propose a goal' }).click();
    await page.getByRole('heading', { name: 'Propose a goal', level: 1 }).waitFor();
    // The client's mode: no template picker, no plan, no status.
    expect(await page.getByLabel('Start from a template').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Steps and practices' }).count()).toBe(0);

    const goals = async () =>
      (
        await suite.server.store.db
          .selectFrom('goals')
          .select('title')
          .where('client_id', '=', suite.server.client.clientId)
          .execute()
      ).length;
    const before = await goals();
    await page.getByRole('button', { name: 'Send to my therapist' }).click();
    await page.getByText('Give the goal a title.').waitFor();
    await page.getByText('Please fix the marked fields.').waitFor();
    expect(await goals()).toBe(before);

    await page.getByLabel('Goal', { exact: true }).fill('Feel better');
    expect(await page.getByText('Give the goal a title.').count()).toBe(0);
    // The SMART hints answer as the client types.
    const vague = page.getByText(/Words like "feel better" are hard to see/);
    await vague.waitFor();
    await page.getByLabel('Goal', { exact: true }).fill('Walk to the park 3 times a week');
    await vague.waitFor({ state: 'detached' });
    await checkPage(page, 'client-propose-goal');
    await page.getByRole('button', { name: 'Send to my therapist' }).click();
    await page
      .getByRole('heading', { name: 'Walk to the park 3 times a week', level: 1 })
      .waitFor();
    await page.getByText('Proposed', { exact: false }).first().waitFor();
    expect(await goals()).toBe(before + 1);
    const stored = await suite.server.store.db
      .selectFrom('goals')
      .select('status')
      .where('title', '=', 'Walk to the park 3 times a week')
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('proposed');
    expect(problems).toEqual([]);
    await context.close();
  });
});
