import { randomUUID } from 'node:crypto';
import type { Database, MeasureKind } from '../../store/schema.ts';
import { checkInBodyHash } from '../check-ins.ts';
import type { DemoPeople } from './goals.ts';
import type { Rng } from './prng.ts';
import type { DemoGoal, DemoStory } from './stories.ts';
import { checkInNotes } from './texts.ts';
import { demoDays, type Timeline } from './timeline.ts';

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The hash the check-in API would have stored, so a client's retry of a demo id behaves. */
const withBodyHash = (c: Database['check_ins']): Database['check_ins'] => ({
  ...c,
  body_hash: checkInBodyHash(c.client_id, {
    id: c.id,
    measureId: c.measure_id,
    value: c.value,
    at: c.at,
    ...(c.note ? { note: c.note } : {}),
  }),
});

/** Where the goal stands on day `t`: 0 at its baseline when it was set, 1 at its target. */
function progressAt(story: DemoStory, g: DemoGoal, t: number): number {
  const start = g.startT ?? 0;
  const p = (story.progress(t) - story.progress(start)) * (g.pace ?? 1);
  return clamp(p, -1.5, g.status === 'achieved' ? 1 : 1.25);
}

function measured(kind: MeasureKind, expected: number, rng: Rng, noise: number): number {
  switch (kind) {
    case 'yesno':
      return rng.chance(clamp(expected, 0.03, 0.97)) ? 1 : 0;
    case 'scale':
      return clamp(Math.round(expected + rng.normal() * noise), 0, 10);
    case 'count':
      return Math.max(0, Math.round(expected + rng.normal() * noise));
    case 'minutes':
      return Math.max(0, Math.round((expected + rng.normal() * noise) / 5) * 5);
  }
}

/** GAS levels in the goal's own numbers: −1 where it started, 0 the target. */
export function gasLevels(g: DemoGoal): Record<'-2' | '-1' | '0' | '1' | '2', string> {
  const unit = g.measure.unit ? ` ${g.measure.unit}` : '';
  const what = g.measure.name.toLowerCase();
  if (g.measure.kind === 'yesno')
    return {
      '-2': `Stopped trying: ${what} on no days`,
      '-1': `${g.measure.name} on 1–2 days a week`,
      '0': `${g.measure.name} on 3–4 days a week`,
      '1': `${g.measure.name} on 5–6 days a week`,
      '2': `${g.measure.name} every day`,
    };
  const [worse, better] = g.measure.better === 'higher' ? ['below', 'above'] : ['above', 'over'];
  return {
    '-2': `Worse than at the start: ${what} ${worse} ${g.baseline}${unit}`,
    '-1': `About where we started: ${what} around ${g.baseline}${unit}`,
    '0': `The expected outcome: ${what} at ${g.target}${unit} on most days`,
    '1': `Better than expected: the target held for a month`,
    '2': `Much better than expected: ${what} ${better === 'over' ? 'well under' : 'well above'} ${g.target}${unit}`,
  };
}

function gasLevel(p: number): number {
  return p < -0.2 ? -2 : p < 0.6 ? -1 : p < 1.05 ? 0 : p < 1.2 ? 1 : 2;
}

/** The therapist's GAS rating of the goal every four weeks, following the story. */
export function gasRatings(
  story: DemoStory,
  g: DemoGoal,
  goalId: string,
  therapistId: string,
  startDay: number,
  line: Timeline,
): Database['gas_ratings'][] {
  const ratings: Database['gas_ratings'][] = [];
  for (let i = startDay + 28; i <= demoDays; i += 28) {
    const at = line.at(i, 11).toISOString();
    ratings.push({
      id: randomUUID(),
      goal_id: goalId,
      level: gasLevel(progressAt(story, g, i / demoDays)),
      rated_at: at,
      rated_by: therapistId,
      created_at: at,
    });
  }
  return ratings;
}

/** Daily-ish check-ins of the goal's measure on the story's course, with day-to-day noise. */
export function checkInSeries(
  story: DemoStory,
  g: DemoGoal,
  span: { measureId: string; startDay: number; lastDay: number },
  people: DemoPeople,
  line: Timeline,
  rng: Rng,
): Database['check_ins'][] {
  const rows: Database['check_ins'][] = [];
  for (let i = span.startDay; i <= span.lastDay; i++) {
    const t = i / demoDays;
    const at = line.at(i, rng.int(18, 22), rng.int(0, 59));
    if (!line.past(at) || !rng.chance(story.engagement(t))) continue;
    const expected = g.baseline + (g.target - g.baseline) * progressAt(story, g, t);
    rows.push(
      withBodyHash({
        id: randomUUID(),
        client_id: people.clientId,
        measure_id: span.measureId,
        value: measured(g.measure.kind, expected, rng, g.noise),
        at: at.toISOString(),
        local_date: line.date(i),
        received_at: new Date(at.getTime() + rng.int(1, 90) * 1000).toISOString(),
        note: rng.chance(0.06) ? rng.pick(checkInNotes) : null,
        entered_by: people.clientUserId,
        body_hash: '',
      }),
    );
  }
  return rows;
}
