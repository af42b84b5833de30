import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { weekday } from '../../domain/calendar.ts';
import { insertGoal, insertMeasure, insertRevision } from '../../store/goals.ts';
import type { Database, GoalTable, RevisionTable } from '../../store/schema.ts';
import type { Ctx } from '../context.ts';
import { insertPractice } from '../practices.ts';
import { insertStep } from '../steps.ts';
import type { Rng } from './prng.ts';
import type { DemoGoal, DemoStory } from './stories.ts';
import { checkInSeries, gasLevels, gasRatings } from './series.ts';
import { demoDays, insertAll, type Timeline } from './timeline.ts';

export interface DemoPeople {
  clientId: string;
  clientUserId: string;
  therapist: Ctx;
}

export interface SeededGoal {
  id: string;
  measureId: string;
}

/** One goal with its measure, history of revisions, steps, practices and conversation. */
async function seedGoal(
  trx: Kysely<Database>,
  story: DemoStory,
  g: DemoGoal,
  index: number,
  parentId: string | null,
  people: DemoPeople,
  line: Timeline,
  rng: Rng,
): Promise<SeededGoal> {
  const startDay = line.dayOf(g.startT ?? 0);
  const setAt = line.at(startDay, 9, 30);
  const measureId = randomUUID();
  await insertMeasure(trx, {
    id: measureId,
    client_id: people.clientId,
    name: g.measure.name,
    kind: g.measure.kind,
    unit: g.measure.unit ?? null,
    better: g.measure.better,
    sd: null,
    reliability: null,
    created_at: setAt.toISOString(),
  });
  const id = randomUUID();
  const levels = gasLevels(g);
  const weight = index === 0 ? 2 : null;
  const dueDate = line.date(demoDays + (g.revision?.dueInDays ?? g.dueInDays));
  const goal: GoalTable = {
    id,
    client_id: people.clientId,
    parent_id: parentId,
    title: g.title,
    why: g.why,
    status: 'active',
    priority: index + 1,
    measure_id: measureId,
    baseline: g.baseline,
    target: g.target,
    due_date: line.date(demoDays + g.dueInDays),
    target_set_at: setAt.toISOString(),
    gas_levels: JSON.stringify(levels),
    gas_weight: weight,
    review_every_days: null,
    review_date: null,
    sustaining_since: null,
    sustain_every_days: null,
    slip_threshold: null,
    version: 1,
    created_by: people.therapist.actorId,
    created_at: setAt.toISOString(),
    updated_at: setAt.toISOString(),
  };
  const therapistId = people.therapist.actorId;
  const revisions: RevisionTable[] = [
    {
      entity: 'goal',
      entity_id: id,
      goal_id: id,
      version: 1,
      at: goal.created_at,
      by: therapistId,
      changes: JSON.stringify({
        title: { from: null, to: g.title },
        why: { from: null, to: g.why },
        status: { from: null, to: 'active' },
        priority: { from: null, to: index + 1 },
        measureId: { from: null, to: measureId },
        baseline: { from: null, to: g.baseline },
        target: { from: null, to: g.target },
        dueDate: { from: null, to: goal.due_date },
        gas: { from: null, to: { levels, ...(weight ? { weight } : {}) } },
        ...(parentId ? { parentId: { from: null, to: parentId } } : {}),
      }),
      reason: null,
    },
  ];
  const revise = (t: number, changes: object, reason: string) => {
    const at = line.at(line.dayOf(t), 10, 15).toISOString();
    revisions.push({
      entity: 'goal',
      entity_id: id,
      goal_id: id,
      version: revisions.length + 1,
      at,
      by: therapistId,
      changes: JSON.stringify(changes),
      reason,
    });
    return at;
  };
  if (g.revision) {
    const r = g.revision;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (r.target !== undefined) changes.target = { from: g.target, to: r.target };
    if (r.dueInDays !== undefined) changes.dueDate = { from: goal.due_date, to: dueDate };
    goal.target_set_at = revise(r.t, changes, r.reason);
    goal.target = r.target ?? g.target;
    goal.due_date = dueDate;
  }
  let lastDay = line.lastActiveDay;
  if (g.status === 'achieved') {
    const doneDay = demoDays + g.dueInDays - 7;
    revise(
      doneDay / demoDays,
      { status: { from: 'active', to: 'achieved' } },
      'Met on most weeknights for over a month; we will keep an eye on it.',
    );
    goal.status = 'achieved';
    lastDay = Math.min(lastDay, doneDay);
  }
  goal.version = revisions.length;
  goal.updated_at = revisions.at(-1)!.at;
  await insertGoal(trx, goal);
  await insertAll(trx, 'revisions', revisions);

  const asTherapistThen: Ctx = { ...people.therapist, now: setAt };
  for (const s of g.steps) {
    const step = await insertStep(trx, asTherapistThen, id, {
      title: s.title,
      dueDate: line.date(line.dayOf(s.dueT)),
    });
    if (s.doneT === undefined || line.dayOf(s.doneT) > line.lastActiveDay) continue;
    const doneAt = line.at(line.dayOf(s.doneT), 19, rng.int(0, 59)).toISOString();
    await trx
      .updateTable('steps')
      .set({ done_at: doneAt, done_by: people.clientUserId, version: 2 })
      .where('id', '=', step.id)
      .execute();
    await insertRevision(trx, {
      entity: 'step',
      entity_id: step.id,
      goal_id: id,
      version: 2,
      at: doneAt,
      by: people.clientUserId,
      changes: JSON.stringify({ done: { from: false, to: true } }),
      reason: null,
    });
  }

  for (const p of g.practices) {
    await insertPractice(trx, asTherapistThen, id, { ...p, startDate: line.date(startDay) });
    const { id: practiceId } = await trx
      .selectFrom('practices')
      .select('id')
      .where('goal_id', '=', id)
      .where('title', '=', p.title)
      .executeTakeFirstOrThrow();
    const done: Database['practice_completions'][] = [];
    for (let i = startDay; i <= lastDay; i++) {
      const date = line.date(i);
      const s = p.schedule;
      const scheduled =
        s.kind === 'daily' ||
        (s.kind === 'weekdays' ? s.days.includes(weekday(date)) : rng.chance(s.timesPerWeek / 7));
      const at = line.at(i, 20, rng.int(0, 59));
      if (!scheduled || !line.past(at) || !rng.chance(story.engagement(i / demoDays))) continue;
      done.push({
        practice_id: practiceId,
        local_date: date,
        at: at.toISOString(),
        by: people.clientUserId,
        minutes: p.minutes ?? null,
      });
    }
    await insertAll(trx, 'practice_completions', done);
  }

  await insertAll(
    trx,
    'comments',
    g.comments
      .filter((c) => c.by === 'therapist' || line.dayOf(c.t) <= line.lastActiveDay)
      .map((c) => ({
        id: randomUUID(),
        goal_id: id,
        author_id: c.by === 'client' ? people.clientUserId : therapistId,
        body: c.body,
        created_at: line
          .at(line.dayOf(c.t), c.by === 'client' ? 21 : 12, rng.int(0, 59))
          .toISOString(),
      })),
  );

  await insertAll(trx, 'gas_ratings', gasRatings(story, g, id, therapistId, startDay, line));
  await insertAll(
    trx,
    'check_ins',
    checkInSeries(story, g, { measureId, startDay, lastDay }, people, line, rng),
  );
  return { id, measureId };
}

/** Every goal of a story, parents before the goals under them. */
export async function seedGoals(
  trx: Kysely<Database>,
  story: DemoStory,
  people: DemoPeople,
  line: Timeline,
  rng: Rng,
): Promise<SeededGoal[]> {
  const seeded: SeededGoal[] = [];
  for (const [index, g] of story.goals.entries()) {
    const parentId = g.parent === undefined ? null : (seeded[g.parent]?.id ?? null);
    seeded.push(await seedGoal(trx, story, g, index, parentId, people, line, rng));
  }
  return seeded;
}
