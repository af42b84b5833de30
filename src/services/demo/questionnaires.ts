import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  instruments,
  scoreQuestionnaire,
  type InstrumentId,
} from '../../domain/instruments/index.ts';
import { raiseAlert } from '../../store/alerts.ts';
import type { Database } from '../../store/schema.ts';
import type { DemoPeople } from './goals.ts';
import type { Rng } from './prng.ts';
import type { DemoStory } from './stories.ts';
import { demoDays, insertAll, type Timeline } from './timeline.ts';

const every = 14;

/** Item answers (0–3) that add up to `total`; item 9 of the PHQ-9 stays at `item9`. */
function answersFor(id: InstrumentId, total: number, rng: Rng, item9 = 0): number[] {
  const n = instruments[id].items.length;
  const answers = Array.from({ length: n }, () => 0);
  const free = id === 'phq9' ? n - 1 : n;
  if (id === 'phq9') answers[8] = item9;
  let left = Math.min(total - item9, free * 3);
  while (left > 0) {
    const i = rng.int(0, free - 1);
    if (answers[i]! < 3) {
      answers[i]! += 1;
      left--;
    }
  }
  return answers;
}

/**
 * PHQ-9 and GAD-7 every two weeks on the story's course (scored by the domain, as the API
 * would), the clinic's schedule for them, the alerts those answers raise — reliable
 * deterioration, and for the story that ends at risk one open `risk` alert from a PHQ-9 two
 * hours ago whose item 9 is 1. Returns the ids of the alerts raised.
 */
export async function seedQuestionnaires(
  trx: Kysely<Database>,
  story: DemoStory,
  people: DemoPeople,
  line: Timeline,
  rng: Rng,
): Promise<string[]> {
  const therapistId = people.therapist.actorId;
  await insertAll(
    trx,
    'questionnaire_schedules',
    (['phq9', 'gad7'] as const).map((instrument) => ({
      id: randomUUID(),
      client_id: people.clientId,
      instrument,
      kind: 'every',
      every_days: every,
      days_before: null,
      start_date: line.date(0),
      active: 1,
      created_by: therapistId,
      created_at: line.at(0, 9).toISOString(),
    })),
  );

  const rows: Database['questionnaire_responses'][] = [];
  const respond = (id: InstrumentId, at: Date, total: number, item9 = 0) => {
    const answers = answersFor(id, total, rng, item9);
    const score = scoreQuestionnaire(id, answers);
    const rowId = randomUUID();
    rows.push({
      id: rowId,
      client_id: people.clientId,
      instrument: id,
      answers: JSON.stringify(answers),
      total: score.total,
      severity: score.severity,
      risk_flag: score.riskFlag ? 1 : 0,
      completed_at: at.toISOString(),
      received_seq: `${at.toISOString()}|${String(rows.length).padStart(10, '0')}|${rowId}`,
      entered_by: people.clientUserId,
    });
    return rowId;
  };
  const days: number[] = [];
  for (let i = demoDays - 1 - (story.riskAtEnd ? every : 0); i >= 0; i -= every) days.unshift(i);
  for (const i of days.filter((d) => d <= line.lastActiveDay)) {
    const t = i / demoDays;
    const at = line.at(i, 8, rng.int(0, 59));
    respond('phq9', at, Math.round(Math.min(27, Math.max(0, story.phq9(t) + rng.normal()))));
    respond(
      'gad7',
      new Date(at.getTime() + 240_000),
      Math.round(Math.min(21, Math.max(0, story.gad7(t) + rng.normal()))),
    );
  }
  let riskId: string | null = null;
  if (story.riskAtEnd) {
    const at = new Date(line.now.getTime() - 2 * 3_600_000);
    riskId = respond('phq9', at, Math.round(story.phq9(1)), 1);
    respond('gad7', new Date(at.getTime() + 180_000), Math.round(story.gad7(1)));
  }
  await insertAll(trx, 'questionnaire_responses', rows);

  const alerts: string[] = [];
  for (const id of ['phq9', 'gad7'] as const) {
    const mine = rows.filter((r) => r.instrument === id);
    const first = mine[0];
    const { reliableChange, shortTitle } = instruments[id];
    const worse = first && mine.find((r) => r.total - first.total >= reliableChange);
    if (!first || !worse) continue;
    const alert = await raiseAlert(
      trx,
      {
        clientId: people.clientId,
        kind: 'deterioration',
        severity: 'medium',
        source: `client/${people.clientId}/${id}`,
        detail: `${shortTitle} ${first.total} → ${worse.total} (+${worse.total - first.total}): reliable deterioration (≥ ${reliableChange}).`,
      },
      new Date(worse.completed_at),
    );
    if (alert) alerts.push(alert);
  }
  const risky = rows.find((r) => r.id === riskId);
  if (risky) {
    const alert = await raiseAlert(
      trx,
      {
        clientId: people.clientId,
        kind: 'risk',
        severity: 'high',
        source: `questionnaire/${risky.id}`,
        detail: 'PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered 1 of 3.',
      },
      new Date(risky.completed_at),
    );
    if (alert) alerts.push(alert);
  }
  return alerts;
}
