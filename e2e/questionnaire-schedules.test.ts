/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../src/domain/calendar.ts';
import { apiSession } from './support/api.ts';
import { checkPage, desktop, launch, openPage, phone, signIn } from './support/browser.ts';
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

describe.sequential('A questionnaire before each session, in Chromium', () => {
  it('a therapist asks for a GAD-7 before each session; the client sees it on Today', async () => {
    // A session the day after tomorrow, in the client's day (Toronto).
    const sessionDay = addDays(localDate(new Date(), 'America/Toronto'), 2);
    const api = await apiSession(
      server.url,
      server.therapist.email,
      server.therapist.recoveryCodes,
    );
    const booked = await api('POST', `/api/clients/${server.client.clientId}/sessions`, {
      date: sessionDay,
    });
    expect(booked.status).toBe(201);

    const staff = await openPage(browser, desktop);
    await signIn(staff.page, server.url, server.therapist.email, server.therapist.recoveryCodes);
    await staff.page.goto(`${server.url}/clients/${server.client.clientId}`);
    const form = staff.page.getByRole('form', { name: 'Ask for a questionnaire' });
    await form.getByLabel('Questionnaire', { exact: true }).selectOption('gad7');
    await form.getByLabel('When').selectOption({ label: 'Before each session' });
    await form.getByLabel('Days before the session').fill('3');
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await form.getByText('Scheduled.').waitFor();
    await staff.page.getByText(/GAD-7: in the 3 days before each session — due from/).waitFor();
    await checkPage(staff.page, 'therapist-schedule-before-session');
    expect(staff.problems).toEqual([]);
    await staff.context.close();

    const client = await openPage(browser, phone);
    await signIn(client.page, server.url, server.client.email);
    await client.page.getByRole('link', { name: 'Start GAD-7' }).waitFor();
    await client.page.getByText(/Before your session on/).waitFor();
    await checkPage(client.page, 'client-today-before-session');
    expect(client.problems).toEqual([]);
    await client.context.close();
  });
});
