/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { checkPage, desktop, openPage, phone, signIn } from './support/browser.ts';
import { browserSuite } from './support/suite.ts';

const suite = browserSuite();
let goalId: string;

const title = 'Mornings without dread';

beforeAll(async () => {
  const therapist = await apiSession(
    suite.server.url,
    suite.server.therapist.email,
    suite.server.therapist.recoveryCodes,
  );
  const goal = await therapist<{ id: string; steps: { id: string }[] }>(
    'POST',
    `/api/clients/${suite.server.client.clientId}/goals`,
    {
      title,
      measure: { name: 'Calm in the morning', kind: 'scale', better: 'higher' },
      baseline: 3,
      target: 8,
    },
  );
  expect(goal.status).toBe(201);
  goalId = goal.body.id;
  const step = await therapist<{ id: string }>('POST', `/api/goals/${goalId}/steps`, {
    title: 'Phone stays in the kitchen overnight',
  });
  expect(step.status).toBe(201);
  expect((await therapist('PATCH', `/api/steps/${step.body.id}`, { done: true })).status).toBe(200);
  // A second plan the client marks as not working, so the goal page has an order to show.
  const other = await therapist<{ id: string }>('POST', `/api/goals/${goalId}/plans`, {
    obstacle: 'Bad news in the feed',
    ifText: 'I reach for the news first thing',
    thenText: 'I open the breathing app instead',
  });
  expect(other.status).toBe(201);
  const client = await apiSession(suite.server.url, suite.server.client.email);
  const use = await client('POST', `/api/plans/${other.body.id}/uses`, {
    id: crypto.randomUUID(),
    worked: 'no',
  });
  expect(use.status).toBe(201);
});

const plansOf = () =>
  suite.server.store.db
    .selectFrom('if_then_plans')
    .selectAll()
    .where('goal_id', '=', goalId)
    .where('removed', '=', 0)
    .orderBy('position')
    .execute();

describe.sequential('Obstacles, plans, the journey and sustaining in Chromium', () => {
  it('a client on a phone writes an obstacle and plan, marks after a check-in that it worked, and sees the tally', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    await page.goto(`${suite.server.url}/goals/${goalId}`);
    await page.getByRole('heading', { name: 'Obstacles and if–then plans' }).waitFor();
    await page.getByRole('button', { name: 'Add an obstacle and plan' }).click();

    // Nothing written yet: each empty part is named at its field, and nothing is stored.
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.getByText('Write the obstacle: what might get in the way.').waitFor();
    await expect.poll(() => page.getByLabel('If …').getAttribute('aria-invalid')).toBe('true');
    expect(await plansOf()).toHaveLength(1);

    await page.getByLabel('Obstacle: what might get in the way').fill('Waking up anxious');
    await page.getByLabel('If …').fill('I wake up anxious');
    await page.getByLabel('then …').fill('I breathe for 5 minutes before checking my phone');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.getByText('✓ Plan saved.').waitFor();
    await page.getByRole('heading', { name: 'Waking up anxious' }).waitFor();
    await checkPage(page, 'client-goal-plan-written');

    // Edit the plan: the change is stored, the plan keeps its id.
    await page.getByRole('button', { name: 'Edit “Waking up anxious”' }).click();
    await page.getByLabel('then …').fill('I breathe for 5 minutes, then make tea');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page
      .getByText('If I wake up anxious, then I breathe for 5 minutes, then make tea.')
      .waitFor();
    const plans = await plansOf();
    expect(plans.map((p) => [p.obstacle, p.then_text, p.version])).toEqual([
      ['Bad news in the feed', 'I open the breathing app instead', 1],
      ['Waking up anxious', 'I breathe for 5 minutes, then make tea', 2],
    ]);
    const mine = plans[1]!;

    // Today: check in, then say the plan worked — linked to that check-in.
    await page.getByRole('link', { name: 'Today' }).click();
    await page.getByLabel('Calm in the morning').fill('7');
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    await page
      .getByText(/^✓ Saved/)
      .first()
      .waitFor();
    const group = page.getByRole('group', {
      name: 'If I wake up anxious, then I breathe for 5 minutes, then make tea.',
    });
    await group.getByRole('button', { name: 'It worked' }).click();
    await group.getByText('Noted — thank you.', { exact: false }).waitFor();
    const uses = await suite.server.store.db
      .selectFrom('plan_uses')
      .selectAll()
      .where('plan_id', '=', mine.id)
      .execute();
    expect(uses.map((u) => u.worked)).toEqual(['yes']);
    expect(uses[0]!.check_in_id).not.toBeNull();

    // The goal page counts it, and the plan that works comes first.
    await page.goto(`${suite.server.url}/goals/${goalId}`);
    await page.getByText('Came up 1 time: worked 1, partly 0, not 0 (100% worked).').waitFor();
    const headings = await page.locator('.if-then-list > li > h3').allTextContents();
    expect(headings).toEqual(['Waking up anxious', 'Bad news in the feed']);
    await checkPage(page, 'client-goal-plan-tally');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a journal entry can say that a plan came up and partly worked', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    await page.getByRole('link', { name: 'Journal' }).click();
    await page
      .getByRole('textbox', { name: 'Entry' })
      .fill('Woke at five with my heart racing; breathing took the edge off.');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page
      .getByRole('heading', { name: 'Did an obstacle come up in what you wrote?' })
      .waitFor();
    const group = page.getByRole('group', {
      name: 'If I wake up anxious, then I breathe for 5 minutes, then make tea.',
    });
    await group.getByRole('button', { name: 'Partly' }).click();
    await group.getByText('Noted — thank you.', { exact: false }).waitFor();
    await checkPage(page, 'client-journal-plan');
    const entry = await suite.server.store.db
      .selectFrom('journal_entries')
      .select('id')
      .where('client_id', '=', suite.server.client.clientId)
      .executeTakeFirstOrThrow();
    const linked = await suite.server.store.db
      .selectFrom('plan_uses')
      .select('worked')
      .where('journal_entry_id', '=', entry.id)
      .execute();
    expect(linked).toEqual([{ worked: 'partly' }]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the therapist sees which plans work, marks the goal achieved and moves it into sustaining', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    await page.goto(`${suite.server.url}/goals/${goalId}`);
    await page.getByText('Came up 2 times: worked 1, partly 1, not 0 (75% worked).').waitFor();
    await page.getByText('Came up 1 time: worked 0, partly 0, not 1 (0% worked).').waitFor();
    await checkPage(page, 'therapist-goal-plan-tally');

    await page.getByRole('link', { name: 'Edit this goal' }).click();
    await page.getByLabel('Status').selectOption('achieved');
    await page.getByLabel('Reason for this change (optional)').fill('Calm most mornings now');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('link', { name: 'See the journey' }).click();
    await page.getByRole('heading', { name: `The journey: ${title}` }).waitFor();
    await page.getByText('This is what the client sees for this goal.').waitFor();

    await page.goto(`${suite.server.url}/goals/${goalId}`);
    await page.getByRole('heading', { name: 'This goal is achieved.' }).waitFor();
    await page.getByRole('button', { name: 'Keep it going' }).click();
    await page.getByLabel('Check in every … days').fill('10');
    // A scale runs 0–10: the server refuses the slip line, and says so at the field.
    await page.getByLabel(/Slip line for Calm in the morning/).fill('15');
    await page.getByRole('button', { name: 'Start sustaining' }).click();
    await page.getByText('For a scale measure, use a value from 0 to 10.').waitFor();
    await expect
      .poll(() => page.getByLabel(/Slip line for/).getAttribute('aria-invalid'))
      .toBe('true');
    const before = await suite.server.store.db
      .selectFrom('goals')
      .select(['sustaining_since', 'version'])
      .where('id', '=', goalId)
      .executeTakeFirstOrThrow();
    expect(before.sustaining_since).toBeNull();
    await checkPage(page, 'therapist-goal-sustain-error');

    await page.getByLabel(/Slip line for/).fill('5');
    await page.getByRole('button', { name: 'Start sustaining' }).click();
    await page.getByText('✓ Saved.').waitFor();
    await page.getByText('Check in every 10 days.').waitFor();
    await page.getByText('Slip line: below 5.').waitFor();
    const after = await suite.server.store.db
      .selectFrom('goals')
      .select(['sustaining_since', 'sustain_every_days', 'slip_threshold', 'version'])
      .where('id', '=', goalId)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ sustain_every_days: 10, version: before.version + 1 });
    expect(Number(after.slip_threshold)).toBe(5);
    expect(after.sustaining_since).not.toBeNull();
    await checkPage(page, 'therapist-goal-sustaining');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the client sees the journey from Today, and the goal sustaining on its lighter rhythm', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    const keeping = page.getByRole('region', { name: 'Keeping it going' });
    await keeping.getByText(`You achieved “${title}”.`).waitFor();
    await keeping.getByText(/Check in every 10 days\. Next check-in: /).waitFor();
    await checkPage(page, 'client-today-sustaining');

    await keeping.getByRole('link', { name: 'See the journey' }).click();
    await page.getByRole('heading', { name: `Your journey: ${title}` }).waitFor();
    const figure = (term: string) =>
      page
        .locator('.figures div')
        .filter({ has: page.getByText(term, { exact: true }) })
        .locator('dd');
    await expect.poll(() => figure('At the start').textContent()).toBe('3');
    await expect.poll(() => figure('Now').textContent()).toBe('7');
    await expect.poll(() => figure('Change').textContent()).toBe('+4 (better)');
    await expect.poll(() => figure('Of the way to the target').textContent()).toBe('80%');
    await page.getByText('You finished 1 of 1 step.').waitFor();
    await page
      .getByText(
        'If I wake up anxious, then I breathe for 5 minutes, then make tea. Came up 2 times, worked 75%.',
      )
      .waitFor();
    await checkPage(page, 'client-journey');

    await page.getByRole('link', { name: 'Back to the goal' }).click();
    await page.getByText('Check in every 10 days.').waitFor();
    await page.getByText('Sustaining', { exact: true }).waitFor();
    // The client reads the phase; only the care team changes it.
    expect(await page.getByRole('button', { name: 'Keep it going' }).count()).toBe(0);
    await checkPage(page, 'client-goal-sustaining');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reopening the goal ends the sustaining phase, and a plan that does not help is removed', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    await page.goto(`${suite.server.url}/goals/${goalId}/edit`);
    await page.getByLabel('Status').selectOption('active');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('✓ Saved.').waitFor();
    await page.getByRole('link', { name: 'Back to the goal' }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    expect(await page.getByRole('heading', { name: 'This goal is achieved.' }).count()).toBe(0);
    const row = await suite.server.store.db
      .selectFrom('goals')
      .select(['status', 'sustaining_since'])
      .where('id', '=', goalId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', sustaining_since: null });

    // A plan that does not help is retired: asked once more, then gone; its uses stay.
    await page.getByRole('button', { name: 'Remove “Bad news in the feed”' }).click();
    await page.getByText('Remove this plan? How it worked stays in the record.').waitFor();
    await checkPage(page, 'therapist-goal-plan-remove');
    await page.getByRole('button', { name: 'Remove it' }).click();
    await page.getByText('✓ Plan removed.').waitFor();
    expect(await page.getByRole('heading', { name: 'Bad news in the feed' }).count()).toBe(0);
    expect((await plansOf()).map((p) => p.obstacle)).toEqual(['Waking up anxious']);
    const kept = await suite.server.store.db
      .selectFrom('plan_uses')
      .innerJoin('if_then_plans', 'if_then_plans.id', 'plan_uses.plan_id')
      .select('plan_uses.worked')
      .where('if_then_plans.obstacle', '=', 'Bad news in the feed')
      .execute();
    expect(kept).toEqual([{ worked: 'no' }]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
