/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they see its DOM globals.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, onTestFailed } from 'vitest';
import { password } from './server.ts';

export const chromiumPath = '/usr/bin/chromium';
const screenshots = new URL('../screenshots/', import.meta.url);
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Debian's Chromium, never a downloaded browser. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export const phone = { width: 375, height: 812 };
export const desktop = { width: 1280, height: 900 };

/** A fresh browser profile; CSP violations and page errors fail the test. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'en-CA' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text()))
      problems.push(`CSP: ${msg.text()}`);
  });
  // A failing test leaves a picture of where it stopped.
  onTestFailed(async ({ task }) => {
    mkdirSync(screenshots, { recursive: true });
    const name = task.name.replace(/\W+/g, '-').slice(0, 60);
    await page
      .screenshot({ path: new URL(`failed-${name}.png`, screenshots).pathname, fullPage: true })
      .catch(() => undefined);
  });
  return { context, page, problems };
}

/**
 * Sign in through the form. Staff pass the second factor with one of their recovery codes
 * (TOTP codes are single-use per 30 s step, too few for a test run).
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  recoveryCodes?: string[],
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (recoveryCodes) {
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    const code = recoveryCodes.shift();
    if (!code) throw new Error(`no recovery code left for ${email}`);
    await page.getByLabel('Recovery code').fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.getByRole('navigation').getByRole('link').first().waitFor();
}

/**
 * axe-core in the page (evaluated, so the page's CSP stays on): no serious or critical
 * WCAG 2.x A/AA violation. Then a screenshot for people to look at.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: unknown }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${name}: accessibility violations`).toEqual([]);
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, screenshots).pathname, fullPage: true });
}
