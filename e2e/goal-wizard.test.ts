/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, desktop, openPage, phone, signIn } from './support/browser.ts';
import { apiSession } from './support/api.ts';
import { browserSuite } from './support/suite.ts';

const suite = browserSuite();

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The step on screen: its heading has the focus and the step list marks it current. */
async function atStep(page: Page, n: number, name: string): Promise<void> {
  const heading = page.getByRole('heading', { name: `Step ${n} of 7: ${name}`, level: 2 });
  await heading.waitFor();
  await expect.poll(() => page.locator('[aria-current="step"]').innerText()).toContain(name);
}

async function saveAndContinue(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save and continue' }).click();
}

/** A phone screen that needs no sideways scrolling. */
async function fitsPhone(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(phone.width);
}

/** Keyboard only: Tab on until the control named `name` has the focus. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const label = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return el?.getAttribute('aria-label') ?? label ?? el?.textContent ?? '';
    });
    if (focused === name) return;
  }
  throw new Error(`no control named "${name}" reached by Tab`);
}

const draftOf = (clientId: string) =>
  suite.server.store.db
    .selectFrom('goal_drafts')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();

describe.sequential('Guided goal setting in Chromium', () => {
  it('a client on a phone walks the seven steps, leaves midway, resumes and creates the goal with its plan', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    await page.getByRole('link', { name: 'My goals' }).click();
    await page.getByRole('link', { name: 'Plan goals step by step' }).click();
    await page.getByRole('heading', { name: 'Plan my goals, step by step', level: 1 }).waitFor();
    await atStep(page, 1, 'What matters');
    await checkPage(page, 'wizard-client-1-matters');
    await fitsPhone(page);
    await page.getByLabel('Life areas and values').fill('health, calm mornings');
    await page
      .getByLabel('What matters, in your own words')
      .fill('Mornings set my whole day. Mindfulness helped me before.');
    await saveAndContinue(page);

    // The first save made the draft, and the wizard moved to its own address.
    await atStep(page, 2, 'The wish');
    await page.waitForURL(/\/goals\/plan\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Step 2 of 7: The wish');
    await checkPage(page, 'wizard-client-2-wish');
    await fitsPhone(page);
    await page.getByLabel('The goal in one sentence').fill('Start the day calmly');
    await page.getByLabel('The best outcome').fill('I get up without dread');
    await page.getByLabel('How would you notice it?').fill('I eat breakfast sitting down');
    await saveAndContinue(page);

    await atStep(page, 3, 'Obstacles');
    await page.getByRole('button', { name: 'Add an obstacle' }).click();
    await page.getByLabel('Obstacle 1').fill('Waking up anxious');
    await checkPage(page, 'wizard-client-3-obstacles');
    await fitsPhone(page);
    await saveAndContinue(page);

    await atStep(page, 4, 'If–then plans');
    await page.getByLabel('If …', { exact: true }).fill('I wake up anxious');
    await page
      .getByLabel('… then I', { exact: true })
      .fill('breathe for 5 minutes before my phone');
    await page
      .getByText('If I wake up anxious, then breathe for 5 minutes before my phone.')
      .waitFor();
    await checkPage(page, 'wizard-client-4-plans');
    await fitsPhone(page);
    await saveAndContinue(page);
    await atStep(page, 5, 'Make it measurable');

    // Saved so far: steps 1–4, the draft at step 5.
    const midway = await draftOf(suite.server.client.clientId);
    expect(midway.step).toBe(5);
    expect(JSON.parse(midway.content)).toMatchObject({
      matters: { areas: ['health', 'calm mornings'] },
      goals: [
        {
          title: 'Start the day calmly',
          obstacles: [
            {
              obstacle: 'Waking up anxious',
              ifText: 'I wake up anxious',
              thenText: 'breathe for 5 minutes before my phone',
            },
          ],
        },
      ],
    });

    // Leave, and pick it up again from the Goals page.
    await page.getByRole('link', { name: 'My goals' }).click();
    await page.getByRole('heading', { name: 'Plans in progress' }).waitFor();
    await page.getByText('At step 5 of 7', { exact: false }).waitFor();
    await checkPage(page, 'wizard-client-resume');
    await page.getByRole('link', { name: 'Resume “Start the day calmly”' }).click();
    await atStep(page, 5, 'Make it measurable');
    await page.getByLabel('Measure name').fill('Calm on waking (0–10)');
    await page.getByLabel('Kind').selectOption('scale');
    await page.getByLabel('Baseline (now)').fill('3');
    await page.getByLabel('Target').fill('7');
    await page.getByLabel('By (date)').fill(inDays(90));
    await page.getByRole('complementary', { name: 'SMART check' }).waitFor();
    await checkPage(page, 'wizard-client-5-measurable');
    await fitsPhone(page);
    await saveAndContinue(page);

    await atStep(page, 6, 'Break it down');
    await page
      .getByRole('button', {
        name: 'Add the steps and practices of “Practise mindfulness for 10 minutes daily”',
      })
      .click();
    await page.getByText('Practice: Mindfulness practice', { exact: false }).waitFor();
    await page.getByLabel('New step').fill('Put the phone on the kitchen shelf at night');
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByText('Step: Put the phone on the kitchen shelf at night').waitFor();
    await checkPage(page, 'wizard-client-6-breakdown');
    await fitsPhone(page);
    await saveAndContinue(page);

    await atStep(page, 7, 'Priorities');
    await page.getByLabel('Review the goals every … days').fill('14');
    await page.getByLabel('What I will do').fill('Breathe first, phone second');
    await page.getByLabel('What my therapist will do').fill('Check in on mornings each session');
    await checkPage(page, 'wizard-client-7-priorities');
    await fitsPhone(page);
    await saveAndContinue(page);

    await page.getByRole('heading', { name: 'Review and create the goals' }).waitFor();
    await page.getByText('Best outcome: I get up without dread').waitFor();
    await checkPage(page, 'wizard-client-review');
    await fitsPhone(page);
    await page.getByRole('button', { name: 'Create the goal' }).click();

    await page.waitForURL(/\/goals$/);
    await page
      .getByText('1 goal created from the plan, sent to your therapist to agree.', { exact: false })
      .waitFor();
    await page.getByRole('link', { name: 'Start the day calmly' }).waitFor();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Plans in progress' }).count())
      .toBe(0);
    const goal = await suite.server.store.db
      .selectFrom('goals')
      .selectAll()
      .where('title', '=', 'Start the day calmly')
      .executeTakeFirstOrThrow();
    expect([goal.status, goal.priority, goal.review_every_days]).toEqual(['proposed', 1, 14]);
    const plans = await suite.server.store.db
      .selectFrom('if_then_plans')
      .selectAll()
      .where('goal_id', '=', goal.id)
      .execute();
    expect(plans.map((p) => [p.obstacle, p.if_text, p.then_text])).toEqual([
      ['Waking up anxious', 'I wake up anxious', 'breathe for 5 minutes before my phone'],
    ]);
    const steps = await suite.server.store.db
      .selectFrom('steps')
      .select('title')
      .where('goal_id', '=', goal.id)
      .execute();
    expect(steps.map((s) => s.title).sort()).toEqual([
      'Choose a quiet time and place',
      'Put the phone on the kitchen shelf at night',
      'Try three guided recordings and pick one',
    ]);

    // The goal page shows the plan that came with it.
    await page.getByRole('link', { name: 'Start the day calmly' }).click();
    await page
      .getByText('If I wake up anxious, then breathe for 5 minutes', { exact: false })
      .waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a therapist plans two goals with the client in session, orders them and fixes what the server refuses', async () => {
    const { page, problems, context } = await openPage(suite.browser, desktop);
    await signIn(
      page,
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    await page.goto(`${suite.server.url}/clients/${suite.server.client.clientId}`);
    await page.getByRole('link', { name: 'Plan goals step by step' }).click();
    await page.getByRole('heading', { name: 'Plan goals with Casey Client', level: 1 }).waitFor();
    await atStep(page, 1, 'What matters');
    await page.getByLabel('Life areas and values').fill('sleep, work');
    await saveAndContinue(page);
    await atStep(page, 2, 'The wish');
    await page.getByLabel('The goal in one sentence').fill('Sleep by 11 on weeknights');
    await page.getByRole('button', { name: 'Add another goal' }).click();
    await page.getByLabel('The goal in one sentence').nth(1).fill('Walk at lunch on workdays');
    await saveAndContinue(page);
    await atStep(page, 3, 'Obstacles');
    await page
      .getByRole('group', { name: 'Goal 1: Sleep by 11 on weeknights' })
      .getByRole('button', { name: 'Add an obstacle' })
      .click();
    await page.getByLabel('Obstacle 1').fill('Scrolling in bed');
    await saveAndContinue(page);
    await atStep(page, 4, 'If–then plans');
    await saveAndContinue(page);
    await atStep(page, 5, 'Make it measurable');
    // A baseline with no measure is saved as a draft, and refused at the end.
    await page
      .getByRole('region', { name: 'Goal 1: Sleep by 11 on weeknights' })
      .getByLabel('Baseline (now)')
      .fill('2');
    await saveAndContinue(page);
    await atStep(page, 6, 'Break it down');
    const ideas = page.getByRole('region', { name: 'Ideas for Sleep by 11 on weeknights' });
    await ideas
      .getByLabel('Start from a template')
      .selectOption({ label: 'sleep: Keep a regular wake-up time, 7 days a week' });
    await ideas.getByRole('button', { name: 'Add its steps and practices' }).click();
    await page.getByText('Step: Pick a wake-up time I can keep').waitFor();
    await checkPage(page, 'wizard-therapist-6-breakdown');
    await saveAndContinue(page);

    // Step 7: the server's 400 shows next to the field it names.
    await atStep(page, 7, 'Priorities');
    const every = page.getByLabel('Review the goals every … days');
    await every.fill('3');
    await saveAndContinue(page);
    const fieldError = page.locator('.field', { has: every }).locator('.error-text');
    await expect.poll(() => fieldError.textContent()).toContain('Review at most once a week.');
    await expect(every.getAttribute('aria-invalid')).resolves.toBe('true');
    await checkPage(page, 'wizard-therapist-7-error');
    // Walking first: by keyboard, and the focus stays with the goal that moved.
    await page.getByRole('button', { name: 'Move “Walk at lunch on workdays” up' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Move “Walk at lunch on workdays” down');
    await expect
      .poll(() => page.getByRole('list', { name: 'Order of the goals' }).innerText())
      .toMatch(/^1\. Walk at lunch on workdays[\s\S]*2\. Sleep by 11 on weeknights/);
    await every.fill('21');
    await page.getByLabel('What I will do as therapist').fill('Review the sleep diary');
    await saveAndContinue(page);

    // Finishing refuses the half-written plan and the baseline without a measure.
    await page.getByRole('button', { name: 'Create 2 goals' }).click();
    await page.getByRole('button', { name: 'Go to step 4: If–then plans' }).first().waitFor();
    await checkPage(page, 'wizard-therapist-review-refused');
    await page.getByRole('button', { name: 'Go to step 4: If–then plans' }).first().click();
    await atStep(page, 4, 'If–then plans');
    await page.getByText('Say when the obstacle shows up ("If …").').waitFor();
    await page.getByLabel('If …', { exact: true }).fill('I take my phone to bed');
    await page.getByLabel('… then I', { exact: true }).fill('charge it in the kitchen instead');
    await saveAndContinue(page);
    await atStep(page, 5, 'Make it measurable');
    const sleep = page.getByRole('region', { name: 'Goal 2: Sleep by 11 on weeknights' });
    await sleep.getByLabel('Measure name').fill('Nights asleep by 11');
    await sleep.getByLabel('Kind').selectOption('count');
    await sleep.getByLabel('Target').fill('4');
    await saveAndContinue(page);
    await atStep(page, 6, 'Break it down');
    await saveAndContinue(page);
    await atStep(page, 7, 'Priorities');
    await saveAndContinue(page);
    await page.getByRole('heading', { name: 'Review and create the goals' }).waitFor();
    await page.getByRole('button', { name: 'Create 2 goals' }).click();

    await page.waitForURL(new RegExp(`/clients/${suite.server.client.clientId}$`));
    await page.getByText('2 goals created from the plan.').waitFor();
    await page.getByRole('link', { name: 'Sleep by 11 on weeknights' }).waitFor();
    const goal = await suite.server.store.db
      .selectFrom('goals')
      .selectAll()
      .where('title', '=', 'Sleep by 11 on weeknights')
      .executeTakeFirstOrThrow();
    expect([
      goal.status,
      goal.priority,
      goal.baseline,
      goal.target,
      goal.review_every_days,
    ]).toEqual(['active', 2, 2, 4, 21]);
    const walk = await suite.server.store.db
      .selectFrom('goals')
      .select(['priority', 'status'])
      .where('title', '=', 'Walk at lunch on workdays')
      .executeTakeFirstOrThrow();
    expect(walk).toEqual({ priority: 1, status: 'active' });
    const plans = await suite.server.store.db
      .selectFrom('if_then_plans')
      .select(['if_text', 'then_text'])
      .where('goal_id', '=', goal.id)
      .execute();
    expect(plans).toEqual([
      { if_text: 'I take my phone to bed', then_text: 'charge it in the kitchen instead' },
    ]);
    await checkPage(page, 'wizard-therapist-done');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a draft saved elsewhere meanwhile shows the stale notice (a step sent by keyboard alone), and the saved plan loads', async () => {
    const { page, problems, context } = await openPage(suite.browser, phone);
    await signIn(page, suite.server.url, suite.server.client.email);
    await page.goto(`${suite.server.url}/goals/plan`);
    await atStep(page, 1, 'What matters');
    await page.getByLabel('Life areas and values').fill('family');
    await saveAndContinue(page);
    await atStep(page, 2, 'The wish');
    const draft = await draftOf(suite.server.client.clientId);

    // The therapist, in another session, saves the draft first.
    const therapist = await apiSession(
      suite.server.url,
      suite.server.therapist.email,
      suite.server.therapist.recoveryCodes,
    );
    const other = await therapist(
      'PATCH',
      `/api/goal-drafts/${draft.id}`,
      {
        matters: { areas: ['family', 'friends'] },
      },
      { 'if-match': `"${draft.version}"` },
    );
    expect(other.status).toBe(200);

    // This step by keyboard alone: from the focused heading into the field, then to the button.
    await tabTo(page, 'The goal in one sentence');
    await page.keyboard.type('Call my sister every week');
    await tabTo(page, 'Save and continue');
    await page.keyboard.press('Enter');
    const notice = page.getByRole('alert').filter({ hasText: 'This plan was changed elsewhere' });
    await notice.waitFor();
    await checkPage(page, 'wizard-stale');
    await fitsPhone(page);
    await page.getByRole('button', { name: 'Load the saved plan' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Back' }).click();
    await atStep(page, 1, 'What matters');
    await expect
      .poll(() => page.getByLabel('Life areas and values').inputValue())
      .toBe('family, friends');

    // Put aside: the Goals page discards it, after asking.
    await page.getByRole('link', { name: 'My goals' }).click();
    await page.getByRole('button', { name: 'Discard “No goal named yet”' }).click();
    await page.getByRole('button', { name: 'Yes, discard' }).click();
    await page.getByRole('heading', { name: 'Plans in progress' }).waitFor({ state: 'detached' });
    const after = await suite.server.store.db
      .selectFrom('goal_drafts')
      .select('status')
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('discarded');
    expect(problems).toEqual([]);
    await context.close();
  });
});
