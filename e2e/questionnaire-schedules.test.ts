/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../src/domain/calendar.ts';
import { apiSession } from './support/api.ts';
import { checkPage, desktop, openPage, phone, signIn } from './support/browser.ts';
import { browserSuite } from './support/suite.ts';

const suite = browserSuite();

describe.sequential('A questionnaire before each session, in Chromium', () => {
  it('a therapist asks for a GAD-7 before each session; the client sees it on Today', async () => {
    // A session the day after tomorrow, in the client's day (Toronto).
    const sessionDay = addDays(localDate(new Date(), 'America/Toronto'), 2);
    const api = await apiSession(
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    const booked = await api('POST', `/api/clients/${suite.server.client.clientId}/sessions`, {
      date: sessionDay,
    });
    expect(booked.status).toBe(201);

    const staff = await openPage(suite.browser, desktop);
    await signIn(
      staff.page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    await staff.page.goto(`${suite.server.url}/clients/${suite.server.client.clientId}`);
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

    const client = await openPage(suite.browser, phone);
    await signIn(client.page, suite.server.url, suite.server.client.email);
    await client.page.getByRole('link', { name: 'Start GAD-7' }).waitFor();
    await client.page.getByText(/Before your session on/).waitFor();
    await checkPage(client.page, 'client-today-before-session');
    expect(client.problems).toEqual([]);
    await client.context.close();
  });
});
