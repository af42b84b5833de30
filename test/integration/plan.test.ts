import { expect, it } from 'vitest';
import type { GoalView, PracticeView, RevisionView, StepView } from '../../src/contract/goals.ts';
import type { TemplateView } from '../../src/contract/plan.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, signedIn } from '../support/http.ts';

describeEachEngine('steps, practices, comments, templates', (h) => {
  async function setup() {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    const client = await signedIn(h().app, clinic.client);
    const goal = (
      await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, {
        title: 'Sleep 7 hours a night by June',
        why: 'I want my energy back',
      })
    ).json<GoalView>();
    return { clinic, therapist, client, goal };
  }

  it('orders steps, lets the client tick them, and keeps their history with the goal', async () => {
    const { therapist, client, goal } = await setup();
    const a = (
      await therapist.post(`/api/goals/${goal.id}/steps`, {
        title: 'Pick a wake-up time',
        dueDate: '2099-01-10',
      })
    ).json<StepView>();
    const b = (
      await therapist.post(`/api/goals/${goal.id}/steps`, { title: 'Charger out of the bedroom' })
    ).json<StepView>();
    expect([a.position, b.position]).toEqual([0, 1]);
    const ticked = await client.patch(`/api/steps/${a.id}`, { done: true });
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect(ticked.json()).toMatchObject({ done: true, version: 2 });
    expectProblem(await client.patch(`/api/steps/${a.id}`, { title: 'Mine' }), 403);
    expectProblem(await client.post(`/api/goals/${goal.id}/steps`, { title: 'Client step' }), 403);
    expectProblem(await therapist.patch(`/api/steps/${a.id}`, { done: true }), 400, 'validation'); // nothing would change
    expectProblem(
      await therapist.patch(`/api/steps/${a.id}`, { title: 'Stale' }, { 'if-match': '"1"' }),
      412,
      'stale',
    );
    const view = (await client.get(`/api/goals/${goal.id}`)).json<GoalView>();
    expect(view.steps.map((s) => [s.title, s.done])).toEqual([
      ['Pick a wake-up time', true],
      ['Charger out of the bedroom', false],
    ]);
    const all = (await client.get(`/api/goals/${goal.id}/revisions?include=all`)).json<{
      revisions: RevisionView[];
    }>().revisions;
    expect(all.filter((r) => r.entity === 'step')).toHaveLength(3);
    const removed = await therapist.patch(`/api/steps/${b.id}`, {
      removed: true,
      reason: 'Not needed',
    });
    expect(removed.statusCode).toBe(200);
    expect((await client.get(`/api/goals/${goal.id}`)).json<GoalView>().steps).toHaveLength(1);
  });

  it('logs practice completions per client day, idempotently, with adherence and streaks', async () => {
    const { clinic, therapist, client, goal } = await setup();
    h().clock.set('2026-03-06T15:00:00Z');
    try {
      const p = (
        await therapist.post(`/api/goals/${goal.id}/practices`, {
          title: 'Wind-down routine',
          schedule: { kind: 'daily' },
          minutes: 20,
        })
      ).json<PracticeView>();
      expect(p.startDate).toBe('2026-03-06');
      // Across the spring-forward night in Toronto (2026-03-08), each evening at 23:30 local.
      for (const [instant, day] of [
        ['2026-03-07T04:30:00Z', '2026-03-06'],
        ['2026-03-08T04:30:00Z', '2026-03-07'],
        ['2026-03-09T03:30:00Z', '2026-03-08'],
        ['2026-03-10T03:30:00Z', '2026-03-09'],
      ] as const) {
        h().clock.set(instant);
        const res = await client.put(`/api/practices/${p.id}/completions/${day}`, { done: true });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json<PracticeView>().doneToday).toBe(true);
      }
      const again = await client.put(`/api/practices/${p.id}/completions/2026-03-09`, {
        done: true,
      });
      expect(again.json<PracticeView>().streak).toEqual({ current: 4, best: 4 });
      const rows = await h()
        .store.db.selectFrom('practice_completions')
        .selectAll()
        .where('practice_id', '=', p.id)
        .execute();
      expect(rows).toHaveLength(4);
      expectProblem(
        await client.put(`/api/practices/${p.id}/completions/2026-03-11`, { done: true }),
        400,
        'validation',
      );
      expectProblem(
        await client.put(`/api/practices/${p.id}/completions/2026-03-01`, { done: true }),
        400,
        'validation',
      );
      const undone = await client.put(`/api/practices/${p.id}/completions/2026-03-07`, {
        done: false,
      });
      expect(undone.json<PracticeView>().streak.best).toBe(2);
      expectProblem(await client.patch(`/api/practices/${p.id}`, { title: 'Mine' }), 403);
      const paused = await therapist.patch(`/api/practices/${p.id}`, {
        status: 'paused',
        reason: 'Holiday',
      });
      expect(paused.json<PracticeView>()).toMatchObject({ status: 'paused', version: 2 });
      expectProblem(
        await therapist.post(`/api/goals/${goal.id}/practices`, {
          title: 'Bad',
          schedule: { kind: 'weekly', timesPerWeek: 9 },
        }),
        400,
        'validation',
      );
      const outsider = await signedIn(h().app, clinic.otherClient);
      expectProblem(
        await outsider.put(`/api/practices/${p.id}/completions/2026-03-09`, { done: true }),
        404,
      );
    } finally {
      h().clock.set(new Date());
    }
  });

  it('keeps a comment thread between client and care team', async () => {
    const { clinic, therapist, client, goal } = await setup();
    expect(
      (
        await client.post(`/api/goals/${goal.id}/comments`, {
          body: 'Slept 6 hours twice this week!',
        })
      ).statusCode,
    ).toBe(201);
    h().clock.advance(60_000);
    expect(
      (
        await therapist.post(`/api/goals/${goal.id}/comments`, {
          body: 'Great progress — what helped?',
        })
      ).statusCode,
    ).toBe(201);
    const thread = (await client.get(`/api/goals/${goal.id}/comments`)).json<{
      comments: { body: string; author: { role: string } }[];
    }>();
    expect(thread.comments.map((c) => c.author.role)).toEqual(['client', 'therapist']);
    expectProblem(
      await client.post(`/api/goals/${goal.id}/comments`, { body: '   ' }),
      400,
      'validation',
    );
    expectProblem(
      await (await signedIn(h().app, clinic.otherTherapist)).get(`/api/goals/${goal.id}/comments`),
      404,
    );
  });

  it('ships a template library, lets admins curate it, and builds goals from it', async () => {
    const { clinic, therapist } = await setup();
    const list = (await therapist.get('/api/templates')).json<{ templates: TemplateView[] }>()
      .templates;
    expect(list.map((t) => t.category)).toEqual(
      expect.arrayContaining([
        'anxiety',
        'low mood',
        'sleep',
        'panic',
        'social connection',
        'substance use',
      ]),
    );
    const panic = list.find((t) => t.category === 'panic')!;
    const goal = await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, {
      title: panic.title,
      templateId: panic.id,
      target: 1,
      baseline: 4,
      dueDate: '2099-03-31',
    });
    expect(goal.statusCode, goal.body).toBe(201);
    const made = goal.json<GoalView>();
    expect(made.measure).toMatchObject({ name: panic.measure!.name, better: 'lower' });
    expect(made.steps.map((s) => s.title)).toEqual(panic.steps.map((s) => s.title));
    expect(made.practices.map((p) => p.title)).toEqual(panic.practices.map((p) => p.title));

    expectProblem(await therapist.post('/api/templates', { category: 'x', title: 'y' }), 403);
    const admin = await signedIn(h().app, clinic.admin);
    const created = await admin.post('/api/templates', {
      category: 'grief',
      title: 'Visit the memorial garden once a month',
      steps: [{ title: 'Find the opening hours' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const archived = await admin.patch(`/api/templates/${created.json<TemplateView>().id}`, {
      archived: true,
    });
    expect(archived.json<TemplateView>().archived).toBe(true);
    const after = (await therapist.get('/api/templates')).json<{ templates: TemplateView[] }>()
      .templates;
    expect(after.some((t) => t.category === 'grief')).toBe(false);
  });
});
