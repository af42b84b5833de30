/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { checkPage, desktop, openPage, phone, signIn } from './support/browser.ts';
import { apiSession } from './support/api.ts';
import { browserSuite } from './support/suite.ts';

const suite = browserSuite();

describe.sequential('Keeping well in Chromium', () => {
  it('a client writes their relapse-prevention plan on a phone and downloads it as a PDF', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
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

    const saved = await suite.server.store.db
      .selectFrom('relapse_plans')
      .selectAll()
      .where('client_id', '=', suite.server.client.clientId)
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

  it('a client sees the if–then plan beside the check-in and says whether it worked', async () => {
    const therapist = await apiSession(
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    const goal = await therapist<{ id: string }>(
      'POST',
      `/api/clients/${suite.server.client.clientId}/goals`,
      {
        title: 'Start the day calmly',
        measure: { name: 'Calm morning', kind: 'yesno', better: 'higher' },
      },
    );
    expect(goal.status).toBe(201);
    const plan = await therapist<{ id: string }>('POST', `/api/goals/${goal.body.id}/plans`, {
      obstacle: 'Waking up anxious',
      ifText: 'I wake up anxious',
      thenText: 'I breathe for 5 minutes before checking my phone',
    });
    expect(plan.status).toBe(201);

    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    const group = page.getByRole('group', {
      name: 'If I wake up anxious, then I breathe for 5 minutes before checking my phone.',
    });
    await group.waitFor();
    await page
      .getByRole('radio', { name: 'Yes' })
      .first()
      .check()
      .catch(() => undefined);
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    await page
      .getByText(/^✓ Saved/)
      .first()
      .waitFor();
    await group.getByRole('button', { name: 'Partly' }).click();
    await group.getByText('Noted — thank you.', { exact: false }).waitFor();
    await checkPage(page, 'client-today-plan');

    const uses = await suite.server.store.db.selectFrom('plan_uses').selectAll().execute();
    expect(uses.map((u) => [u.plan_id, u.worked])).toEqual([[plan.body.id, 'partly']]);
    expect(uses[0]!.check_in_id).not.toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the therapist sees on the goal page how often the plan came up and worked', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    const goal = await suite.server.store.db
      .selectFrom('goals')
      .select('id')
      .where('title', '=', 'Start the day calmly')
      .executeTakeFirstOrThrow();
    await page.goto(`${suite.server.url}/goals/${goal.id}`);
    await page.getByRole('heading', { name: 'Obstacles and if–then plans' }).waitFor();
    await page.getByText('Came up 1 time: worked 0, partly 1, not 0 (50% worked).').waitFor();
    await checkPage(page, 'therapist-goal-plans');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the session review lists a goal due for review, and the therapist records it achieved, with why', async () => {
    const goal = await suite.server.store.db
      .selectFrom('goals')
      .select('id')
      .where('title', '=', 'Start the day calmly')
      .executeTakeFirstOrThrow();
    await suite.server.store.db
      .updateTable('goals')
      .set({ review_date: '2026-01-01', review_every_days: 14 })
      .where('id', '=', goal.id)
      .execute();
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    await page.goto(`${suite.server.url}/clients/${suite.server.client.clientId}/session`);
    await page.getByRole('heading', { name: 'Due for review' }).waitFor();
    const review = page.getByRole('group', { name: /Review “Start the day calmly”/ });
    await review.getByRole('radio', { name: 'Achieved' }).check();
    await page.getByLabel('Why (kept in the goal’s history)').fill('Calm mornings most days now');
    await checkPage(page, 'therapist-goal-review');
    await page.getByRole('button', { name: 'Record the review' }).click();
    await page.getByText('Review recorded: Achieved.').waitFor();
    const revs = await suite.server.store.db
      .selectFrom('revisions')
      .select(['changes', 'reason'])
      .where('entity_id', '=', goal.id)
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(revs.changes)).toMatchObject({
      review: { to: 'achieved' },
      status: { to: 'achieved' },
    });
    expect(revs.reason).toBe('Calm mornings most days now');
    expect(problems).toEqual([]);
    await context.close();
  });
});
