import { localDate } from '../domain/calendar.ts';
import type { CorrectionIndex } from '../domain/corrections.ts';
import { gasLevels, gasTScore, round2 } from '../domain/gas.ts';
import { planSentence, tallyPlanUses, type PlanTally } from '../domain/if-then.ts';
import { instruments, type InstrumentId, type SeverityBand } from '../domain/instruments/index.ts';
import {
  instrumentOutcome,
  pairedOutcome,
  type PairedOutcomeOptions,
  type InstrumentOutcome,
  type PairedOutcome,
} from '../domain/outcomes.ts';
import { periodAdherence, type PeriodAdherence } from '../domain/period-adherence.ts';
import { parseSchedule, type PracticeSchedule } from '../domain/practice.ts';
import { percentToTarget } from '../domain/progress.ts';
import type { ClientRecord, GoalRecord, MeasureRecord } from '../store/exports.ts';
import type { ReportSummaryRow } from '../store/report-summaries.ts';

/** A text that may have been corrected: the value shown, and the original to strike through. */
export interface Corrected {
  text: string;
  original?: string;
}

export interface ReportGoal {
  title: Corrected;
  why: Corrected | null;
  status: GoalRecord['status'];
  measure: Pick<MeasureRecord, 'name' | 'unit' | 'kind' | 'better'> | null;
  baseline: number | null;
  target: number | null;
  dueDate: string | null;
  /** Check-ins of the goal's measure in the period, oldest first (corrected values). */
  points: { at: string; date: string; value: number }[];
  latest: number | null;
  percentToTarget: number | null;
  steps: { title: Corrected; done: boolean; doneOn: string | null; dueDate: string | null }[];
  practices: { title: Corrected; schedule: PracticeSchedule; adherence: PeriodAdherence }[];
  /** Obstacles and if–then plans, with the times the obstacle happened in the period. */
  plans: { obstacle: string; sentence: string; tally: PlanTally }[];
}

export interface ReportInstrument {
  id: InstrumentId;
  title: string;
  maxTotal: number;
  bands: readonly SeverityBand[];
  reliableChange: number;
  responses: { at: string; date: string; total: number; severity: string }[];
  /** First → latest in the period; null with fewer than two responses. */
  outcome: InstrumentOutcome | null;
}

export interface ReportData {
  clinic: string;
  client: { name: string; location: string | null };
  therapist: string | null;
  preparedBy: string;
  generatedOn: string;
  period: { from: string; to: string };
  summary: ReportSummaryRow | null;
  goals: ReportGoal[];
  instruments: ReportInstrument[];
  paired: PairedOutcome | null;
  gas: {
    tScore: number | null;
    goals: { title: string; level: number; meaning: string; ratedOn: string; weight: number }[];
  };
}

function corrected(
  c: CorrectionIndex,
  resource: string,
  id: string,
  field: string,
  stored: string,
): Corrected {
  const fix = c.get(resource, id, field);
  return fix
    ? { text: String(fix.corrected), original: String(fix.original ?? stored) }
    : { text: stored };
}

/**
 * Everything the progress report shows, for the period [from, to] of the client's own days.
 * Built from the export record, which holds no journal entry and no clinician-only note.
 */
export function reportData(p: {
  record: ClientRecord;
  corrections: CorrectionIndex;
  summary: ReportSummaryRow | undefined;
  preparedBy: string;
  from: string;
  to: string;
  now: Date;
  /** The clinic's choice of SPEC §6's "neither reliably worse" clause. */
  paired: PairedOutcomeOptions;
}): ReportData {
  const { record, corrections: fixes, from, to } = p;
  const tz = record.client.timeZone;
  const inPeriod = (date: string) => date >= from && date <= to;
  const measureById = new Map(record.measures.map((m) => [m.id, m]));

  const goals: ReportGoal[] = record.goals.map((g) => {
    const measure = g.measure_id ? measureById.get(g.measure_id) : undefined;
    const points = record.checkIns
      .filter((c) => c.measure_id === g.measure_id && inPeriod(c.local_date))
      .map((c) => ({
        at: c.at,
        date: c.local_date,
        value: Number(fixes.value('check-in', c.id, 'value', c.value)),
      }));
    const latest = points.length ? points[points.length - 1]!.value : null;
    return {
      title: corrected(fixes, 'goal', g.id, 'title', g.title),
      why: g.why === null ? null : corrected(fixes, 'goal', g.id, 'why', g.why),
      status: g.status,
      measure: measure
        ? { name: measure.name, unit: measure.unit, kind: measure.kind, better: measure.better }
        : null,
      baseline: g.baseline,
      target: g.target,
      dueDate: g.due_date,
      points,
      latest,
      percentToTarget:
        g.baseline !== null && g.target !== null
          ? percentToTarget(g.baseline, g.target, latest)
          : null,
      steps: record.steps
        .filter((s) => s.goal_id === g.id)
        .map((s) => {
          const doneOn = s.done_at ? localDate(s.done_at, tz) : null;
          return {
            title: corrected(fixes, 'step', s.id, 'title', s.title),
            done: doneOn !== null && doneOn <= to,
            doneOn,
            dueDate: s.due_date,
          };
        }),
      plans: record.plans
        .filter((pl) => pl.goal_id === g.id)
        .map((pl) => ({
          obstacle: pl.obstacle,
          sentence: planSentence(pl.if_text, pl.then_text),
          tally: tallyPlanUses(
            record.planUses
              .filter((u) => u.plan_id === pl.id && inPeriod(u.local_date))
              .map((u) => ({ worked: u.worked, localDate: u.local_date })),
          ),
        })),
      practices: record.practices
        .filter((pr) => pr.goal_id === g.id && pr.start_date <= to)
        .map((pr) => {
          const schedule = parseSchedule(JSON.parse(pr.schedule));
          const completions = record.completions
            .filter((c) => c.practice_id === pr.id)
            .map((c) => c.local_date);
          return {
            title: corrected(fixes, 'practice', pr.id, 'title', pr.title),
            schedule,
            adherence: periodAdherence({
              schedule,
              completions,
              startDate: pr.start_date,
              from,
              to,
            }),
          };
        }),
    };
  });

  const reportInstruments: ReportInstrument[] = (['phq9', 'gad7'] as const).map((id) => {
    const instrument = instruments[id];
    const responses = record.responses
      .filter((r) => r.instrument === id)
      .map((r) => ({ r, date: localDate(r.completed_at, tz) }))
      .filter(({ date }) => inPeriod(date))
      .map(({ r, date }) => ({
        at: r.completed_at,
        date,
        total: Number(r.total),
        severity: r.severity,
      }));
    const first = responses[0];
    const last = responses[responses.length - 1];
    return {
      id,
      title: instrument.shortTitle,
      maxTotal: instrument.maxTotal,
      bands: instrument.bands,
      reliableChange: instrument.reliableChange,
      responses,
      outcome:
        first && last && responses.length >= 2
          ? instrumentOutcome(id, first.total, last.total)
          : null,
    };
  });
  const [phq, gad] = reportInstruments;
  const paired =
    phq?.outcome && gad?.outcome
      ? pairedOutcome(
          {
            phq9First: phq.outcome.first,
            phq9Latest: phq.outcome.latest,
            gad7First: gad.outcome.first,
            gad7Latest: gad.outcome.latest,
          },
          p.paired,
        )
      : null;

  return {
    clinic: record.client.clinicName,
    client: { name: record.client.name, location: record.client.location?.name ?? null },
    therapist: record.client.primaryTherapist?.name ?? null,
    preparedBy: p.preparedBy,
    generatedOn: localDate(p.now, tz),
    period: { from, to },
    summary: p.summary ?? null,
    goals,
    instruments: reportInstruments,
    paired,
    gas: gasOf(record, fixes, to, tz),
  };
}

/** GAS T-score from each scaled goal's latest rating on or before the period's end (SPEC §5). */
function gasOf(record: ClientRecord, fixes: CorrectionIndex, to: string, tz: string) {
  const goals: ReportData['gas']['goals'] = [];
  for (const g of record.goals) {
    if (!g.gas_levels) continue;
    const ratings = record.gasRatings.filter(
      (r) => r.goal_id === g.id && localDate(r.rated_at, tz) <= to,
    );
    const latest = ratings[ratings.length - 1]; // loaded in rated_at order
    if (!latest) continue;
    goals.push({
      title: fixes.value('goal', g.id, 'title', g.title),
      level: latest.level,
      meaning: gasLevels.find((l) => l.level === latest.level)?.meaning ?? '',
      ratedOn: localDate(latest.rated_at, tz),
      weight: g.gas_weight ?? 1,
    });
  }
  const t = gasTScore(goals.map((g) => ({ level: g.level, weight: g.weight })));
  return { tScore: t === null ? null : round2(t), goals };
}
