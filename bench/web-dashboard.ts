/**
 * `npm run bench:web`: how long the therapist's caseload dashboard takes to render 60 clients
 * in Debian's Chromium, as script time (CDP ScriptDuration) from the navigation to the last
 * row, against a bare baseline in the same browser and run: the same 60 rows of JSON turned
 * into a plain DOM table by hand. Budget (issue 5): under 300 ms of script time.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumPath, desktop, launch } from '../e2e/support/browser.ts';
import { buildApp } from '../src/server/app.ts';
import { createAccount } from '../src/services/accounts.ts';
import { migrate, openStore } from '../src/store/db.ts';

const clients = 60;
const runs = 7;
const budgetMs = 300;
const password = 'Quiet-lake-2026-orchard-stones';

async function scriptMs(page: Page, action: () => Promise<void>): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () =>
    ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')
      ?.value ?? 0) * 1000;
  const before = await read();
  await action();
  const after = await read();
  await cdp.detach();
  return after - before;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const dir = mkdtempSync(join(tmpdir(), 'stepwise-bench-web-'));
const store = openStore(join(dir, 'bench.db'));
await migrate(store);
const now = new Date();
const therapist = await createAccount(
  store,
  { role: 'therapist', email: 'bench@clinic.example', name: 'Bench Therapist', password },
  now,
);
// The render is measured, not the sign-in: this bench clinic asks staff for no second factor.
const clinic = await store.db
  .selectFrom('clinics')
  .select(['id', 'settings'])
  .executeTakeFirstOrThrow();
await store.db
  .updateTable('clinics')
  .set({ settings: JSON.stringify({ ...JSON.parse(clinic.settings), mfaRequiredForStaff: false }) })
  .where('id', '=', clinic.id)
  .execute();
const app = buildApp({ store });
console.log(`bench:web: making ${clients} clients with a goal, 28 days of check-ins and sessions…`);
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { email: therapist.email, password },
});
const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
const csrf = login.json<{ csrfToken: string }>().csrfToken;
const headers = { cookie, 'x-csrf-token': csrf };
for (let i = 0; i < clients; i++) {
  const c = await createAccount(
    store,
    {
      role: 'client',
      email: `client${i}@bench.example`,
      name: `Client ${String(i).padStart(2, '0')}`,
      password,
      therapistEmail: therapist.email,
      location: i % 2 ? 'Barrie' : 'Whitby',
    },
    now,
  );
  const goal = await app.inject({
    method: 'POST',
    url: `/api/clients/${c.clientId}/goals`,
    headers,
    payload: {
      title: 'Walk 20 minutes a day',
      measure: { name: 'Minutes walked', kind: 'minutes', better: 'higher' },
      baseline: 5,
      target: 20,
    },
  });
  const measureId = goal.json<{ measureId: string }>().measureId;
  const checkIns = Array.from({ length: 28 }, (_, d) => ({
    id: crypto.randomUUID(),
    measureId,
    value: 5 + ((d * (i % 5)) % 15),
    at: new Date(now.getTime() - (d + 1) * 86_400_000).toISOString(),
  }));
  await app.inject({
    method: 'POST',
    url: `/api/clients/${c.clientId}/check-ins/batch`,
    headers,
    payload: { checkIns },
  });
  // Most clients have sessions booked (one past, one or two ahead): the next-session column.
  for (const days of i % 4 === 3 ? [-7] : [-7, 1 + (i % 10), 15 + (i % 10)]) {
    const booked = await app.inject({
      method: 'POST',
      url: `/api/clients/${c.clientId}/sessions`,
      headers,
      payload: { date: new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10) },
    });
    if (booked.statusCode !== 201) throw new Error(`session not booked: ${booked.body}`);
  }
}
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const browser = await launch();
const context = await browser.newContext({ viewport: desktop });
const page = await context.newPage();
await page.goto(`${url}/login`);
await page.getByLabel('E-mail').fill(therapist.email);
await page.getByLabel('Password').fill(password);
await page.getByRole('button', { name: 'Sign in' }).click();
await page
  .locator('table.caseload tbody tr')
  .nth(clients - 1)
  .waitFor();
const rowsJson = await page.evaluate(async () => (await fetch('/api/clients')).text());

const app_: number[] = [];
const bare: number[] = [];
for (let r = 0; r < runs; r++) {
  // Leave the dashboard, let the data be cached as it is in use, and come back: the render.
  await page.getByRole('link', { name: 'Alerts' }).click();
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
  app_.push(
    await scriptMs(page, async () => {
      await page.getByRole('link', { name: 'Caseload' }).click();
      await page
        .locator('table.caseload tbody tr')
        .nth(clients - 1)
        .waitFor();
    }),
  );
  const blank = await context.newPage();
  await blank.setContent('<table><tbody id="rows"></tbody></table>');
  // A page script (not a CDP evaluate), so Chromium counts it as script time like the app's.
  const bareScript = `
    const body = document.getElementById('rows');
    for (const c of JSON.parse(${JSON.stringify(rowsJson)}).clients) {
      const tr = document.createElement('tr');
      for (const v of [c.name, c.status, c.location, c.lastCheckInAt, JSON.stringify(c.main)]) {
        const td = document.createElement('td');
        td.textContent = String(v);
        tr.append(td);
      }
      body.append(tr);
    }`;
  bare.push(
    await scriptMs(blank, async () => {
      await blank.addScriptTag({ content: bareScript });
      await blank
        .locator('#rows tr')
        .nth(clients - 1)
        .waitFor();
    }),
  );
  await blank.close();
}
await browser.close();
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });

const result = {
  scenario: 'web-dashboard-60',
  browser: chromiumPath,
  runs,
  appScriptMs: Number(median(app_).toFixed(1)),
  bareScriptMs: Number(median(bare).toFixed(1)),
  ratio: Number((median(app_) / Math.max(median(bare), 0.1)).toFixed(1)),
  budgetMs,
  at: new Date().toISOString(),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/web-dashboard.json', JSON.stringify(result, null, 2) + '\n');
console.log(
  `bench:web: dashboard with ${clients} clients — ${result.appScriptMs} ms script (median of ${runs}; budget ${budgetMs} ms); ` +
    `bare DOM baseline ${result.bareScriptMs} ms; ratio ${result.ratio}×`,
);
if (result.appScriptMs > budgetMs) process.exitCode = 1;
