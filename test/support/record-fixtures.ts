import { createHash, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { GoalView } from '../../src/contract/goals.ts';
import { localDate } from '../../src/domain/calendar.ts';
import { scoreQuestionnaire } from '../../src/domain/instruments/index.ts';
import type { Harness } from './engines.ts';
import type { TestClinic } from './factories.ts';
import type { Session } from './http.ts';

const DAY = 86_400_000;
const tz = 'America/Toronto';

/**
 * Rows of the measurement features (check-ins, questionnaires, journal, GAS ratings, therapy
 * sessions) written straight into the store, so export tests do not hang on those features'
 * HTTP contracts; goals, steps and practices go through the real API.
 */
export async function insertCheckIn(
  h: Harness,
  clinic: TestClinic,
  measureId: string,
  value: number,
  at: Date,
  extra: { note?: string; enteredBy?: string; id?: string } = {},
): Promise<string> {
  const id = extra.id ?? randomUUID();
  await h.store.db
    .insertInto('check_ins')
    .values({
      id,
      client_id: clinic.client.clientId,
      measure_id: measureId,
      value,
      at: at.toISOString(),
      local_date: localDate(at, tz),
      received_at: at.toISOString(),
      note: extra.note ?? null,
      entered_by: extra.enteredBy ?? clinic.client.id,
      body_hash: createHash('sha256').update(id).digest('hex'),
    })
    .execute();
  return id;
}

export async function insertResponse(
  h: Harness,
  clinic: TestClinic,
  instrument: 'phq9' | 'gad7',
  answers: number[],
  at: Date,
  clientId = clinic.client.clientId,
  enteredBy = clinic.client.id,
): Promise<string> {
  const id = randomUUID();
  const score = scoreQuestionnaire(instrument, answers);
  await h.store.db
    .insertInto('questionnaire_responses')
    .values({
      id,
      client_id: clientId,
      instrument,
      answers: JSON.stringify(answers),
      total: score.total,
      severity: score.severity,
      risk_flag: score.riskFlag ? 1 : 0,
      completed_at: at.toISOString(),
      received_seq: `${at.toISOString()}|${id}`,
      entered_by: enteredBy,
    })
    .execute();
  return id;
}

/** Answers summing to `total` (items filled 3, 3, … then the rest). */
export function answersFor(instrument: 'phq9' | 'gad7', total: number): number[] {
  const n = instrument === 'phq9' ? 9 : 7;
  return Array.from({ length: n }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
}

export async function insertJournal(
  h: Harness,
  clinic: TestClinic,
  body: string,
  visibility: 'private' | 'shared',
  at: Date,
): Promise<string> {
  const id = randomUUID();
  await h.store.db
    .insertInto('journal_entries')
    .values({
      id,
      client_id: clinic.client.clientId,
      body,
      mood: 6,
      prompt: null,
      visibility,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    })
    .execute();
  return id;
}

export async function insertTherapySession(
  h: Harness,
  clinic: TestClinic,
  note: string,
  at: Date,
): Promise<void> {
  await h.store.db
    .insertInto('therapy_sessions')
    .values({
      id: randomUUID(),
      client_id: clinic.client.clientId,
      therapist_id: clinic.therapist.id,
      date: localDate(at, tz),
      clinician_note: note,
      created_at: at.toISOString(),
    })
    .execute();
}

export async function insertGasRating(
  h: Harness,
  clinic: TestClinic,
  goalId: string,
  level: number,
  at: Date,
): Promise<void> {
  await h.store.db
    .insertInto('gas_ratings')
    .values({
      id: randomUUID(),
      goal_id: goalId,
      level,
      rated_at: at.toISOString(),
      rated_by: clinic.therapist.id,
      created_at: at.toISOString(),
    })
    .execute();
}

export interface SeededRecord {
  walking: GoalView;
  panic: GoalView;
  mood: GoalView;
  proposed: GoalView;
  stepIds: string[];
  practiceId: string;
  checkInIds: string[];
  responseIds: string[];
}

/**
 * A client with a few months of realistic data: three goals of different kinds (minutes up,
 * a count down, a yes/no), a proposal, steps (one done), a practice with completions,
 * check-ins, PHQ-9 and GAD-7 responses that improve, and GAS ratings.
 */
export async function seedRecord(
  h: Harness,
  clinic: TestClinic,
  therapist: Session,
): Promise<SeededRecord> {
  const now = h.clock.now();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const clientId = clinic.client.clientId;
  const goal = async (body: Record<string, unknown>) => {
    const res = await therapist.post(`/api/clients/${clientId}/goals`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<GoalView>();
  };
  const gas = {
    levels: { '-2': 'None', '-1': 'One', '0': 'Three', '1': 'Four', '2': 'Five or more' },
  };
  const walking = await goal({
    title: 'Walk 30 minutes on most days',
    why: 'Walking clears my head',
    measure: { name: 'Minutes walked', kind: 'minutes', unit: 'min', better: 'higher' },
    baseline: 10,
    target: 30,
    dueDate: localDate(new Date(now.getTime() + 60 * DAY), tz),
    gas,
  });
  const panic = await goal({
    title: 'At most one panic attack a week',
    measure: { name: 'Panic attacks', kind: 'count', unit: 'attacks', better: 'lower' },
    baseline: 5,
    target: 1,
    gas: { ...gas, weight: 2 },
  });
  const mood = await goal({
    title: 'Call a friend each day',
    measure: { name: 'Called a friend', kind: 'yesno', better: 'higher' },
    target: 1,
  });
  const proposed = await goal({ title: 'Sleep by 11 pm', status: 'proposed' });

  const stepIds: string[] = [];
  for (const title of ['Find a walking route', 'Buy walking shoes']) {
    const res = await therapist.post(`/api/goals/${walking.id}/steps`, { title });
    expect(res.statusCode, res.body).toBe(201);
    stepIds.push(res.json<{ id: string }>().id);
  }
  const step = await therapist.patch(`/api/steps/${stepIds[0]}`, { done: true });
  expect(step.statusCode, step.body).toBe(200);
  const practice = await therapist.post(`/api/goals/${walking.id}/practices`, {
    title: 'Mindful walk',
    schedule: { kind: 'weekly', timesPerWeek: 3 },
    minutes: 20,
    startDate: localDate(ago(40), tz),
  });
  expect(practice.statusCode, practice.body).toBe(201);
  const practiceId = practice.json<{ id: string }>().id;
  for (const d of [3, 5, 8, 12]) {
    const res = await therapist.put(
      `/api/practices/${practiceId}/completions/${localDate(ago(d), tz)}`,
      { done: true },
    );
    expect(res.statusCode, res.body).toBe(200);
  }

  const checkInIds: string[] = [];
  for (let d = 30; d >= 2; d -= 4) {
    checkInIds.push(await insertCheckIn(h, clinic, walking.measureId!, 12 + (30 - d) / 2, ago(d)));
    checkInIds.push(await insertCheckIn(h, clinic, panic.measureId!, Math.round(d / 8), ago(d)));
  }
  checkInIds.push(await insertCheckIn(h, clinic, mood.measureId!, 1, ago(1)));

  // The GAD-7 a minute after the PHQ-9 of the same sitting, so every order is well defined.
  const later = (d: Date) => new Date(d.getTime() + 60_000);
  const responseIds = [
    await insertResponse(h, clinic, 'phq9', answersFor('phq9', 16), ago(35)),
    await insertResponse(h, clinic, 'gad7', answersFor('gad7', 12), later(ago(35))),
    await insertResponse(h, clinic, 'phq9', answersFor('phq9', 8), ago(3)),
    await insertResponse(h, clinic, 'gad7', answersFor('gad7', 6), later(ago(3))),
  ];
  await insertGasRating(h, clinic, walking.id, 1, ago(5));
  await insertGasRating(h, clinic, panic.id, 0, ago(5));
  return { walking, panic, mood, proposed, stepIds, practiceId, checkInIds, responseIds };
}
