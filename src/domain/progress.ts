import { addDays, dayNumber, localDate, startOfLocalDay } from './calendar.ts';
import { DomainError } from './errors.ts';
import { reliableChangeMargin, type MeasureReliability } from './rci.ts';
import type { Better, MeasureKind } from './smart.ts';

/** Progress of a goal with a target: trend, percent to target, and the SPEC §9 R5 line. */

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Theil–Sen is O(n²); above this many points it runs on an even, deterministic subsample. */
export const maxTrendPoints = 400;
/** Days (the client's, today included) whose check-ins make the trend. */
export const trendWindowDays = 28;
/** SPEC §9 R5 asks for the whole last two weeks behind the line… */
export const offTrackWindowDays = 14;
/** …and for those check-ins to span at least one week. */
export const offTrackMinSpanDays = 7;

export interface Point {
  at: Date | string;
  value: number;
}

interface Sample {
  t: number;
  value: number;
  index: number;
}

function ms(at: Date | string, field: string): number {
  const t = at instanceof Date ? at.getTime() : Date.parse(at);
  if (!Number.isFinite(t)) throw new DomainError(field, 'Expected a valid date and time.');
  return t;
}

function num(v: number, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new DomainError(field, 'Expected a number.');
  }
  return v;
}

function samples(points: readonly Point[]): Sample[] {
  return points.map((p, i) => ({
    t: ms(p.at, `points.${i}.at`),
    value: num(p.value, `points.${i}.value`),
    index: i,
  }));
}

/** Rounds half away from zero to 2 decimals, never returning -0. */
function round2(x: number): number {
  const r = (Math.sign(x) * Math.round(Math.abs(x) * 100)) / 100;
  return r === 0 ? 0 : r;
}

function median(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Theil–Sen slope (Theil 1950; Sen 1968): the median of the slopes of all pairs of points at
 * different times, in value units per 7 days. Null with fewer than 2 distinct times. Above
 * `maxTrendPoints` points it uses that many, evenly spaced in time order (first and last kept).
 */
export function theilSenSlopePerWeek(points: readonly Point[]): number | null {
  // In time order, every pair is taken later-minus-earlier whatever order the points came in.
  let s = samples(points).sort((a, b) => a.t - b.t || a.index - b.index);
  if (s.length > maxTrendPoints) {
    const all = s;
    s = Array.from(
      { length: maxTrendPoints },
      (_, k) => all[Math.round((k * (all.length - 1)) / (maxTrendPoints - 1))] as Sample,
    );
  }
  const slopes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const a = s[i] as Sample;
    for (let j = i + 1; j < s.length; j++) {
      const b = s[j] as Sample;
      if (a.t !== b.t) slopes.push(((b.value - a.value) * WEEK_MS) / (b.t - a.t));
    }
  }
  if (slopes.length === 0) return null;
  return median(Float64Array.from(slopes).sort()) || 0; // never -0
}

/**
 * Percent of the way from baseline to target: (latest − baseline) / (target − baseline) × 100,
 * to 2 decimals and NOT clamped (past the target > 100, worse than baseline < 0; DESIGN.md).
 * Null without a latest value or when target = baseline.
 */
export function percentToTarget(
  baseline: number,
  target: number,
  latest: number | null,
): number | null {
  num(baseline, 'baseline');
  num(target, 'target');
  if (latest === null || target === baseline) return null;
  return round2(((num(latest, 'latest') - baseline) / (target - baseline)) * 100);
}

/**
 * The expected value at `at` on the SPEC §9 R5 line: baseline + (target − baseline) ·
 * (at − start) / (due − start). Flat at baseline before start and at target from the due
 * instant on (a due instant at or before the start means the target is expected at once).
 */
export function expectedValue(p: {
  baseline: number;
  target: number;
  startAt: Date | string;
  dueAt: Date | string;
  at: Date | string;
}): number {
  const baseline = num(p.baseline, 'baseline');
  const target = num(p.target, 'target');
  const start = ms(p.startAt, 'startAt');
  const due = ms(p.dueAt, 'dueAt');
  const at = ms(p.at, 'at');
  if (at <= start) return baseline;
  if (at >= due) return target;
  return baseline + ((target - baseline) * (at - start)) / (due - start);
}

/** The instant a due date runs out: the end of that day in the client's time zone. */
export function dueInstant(dueDate: string, timeZone: string): Date {
  return startOfLocalDay(addDays(dueDate, 1), timeZone);
}

/**
 * The reliable-change margin of a goal's measure when none is given (a Stepwise design
 * decision): 1 point on a 0–10 scale; otherwise 10% of |target − baseline|; null when that is
 * unknown.
 */
export function defaultNoise(p: {
  kind?: MeasureKind | undefined;
  baseline: number | null;
  target: number | null;
}): number | null {
  if (p.kind === 'scale') return 1;
  if (p.baseline === null || p.target === null) return null;
  return 0.1 * Math.abs(p.target - p.baseline);
}

/**
 * The noise a goal's measure is judged with (SPEC §9 R5: "more than the measure's RC"): its
 * reliable change 1.96 · S_diff when staff gave an SD and reliability (SPEC §4), else
 * `defaultNoise`.
 */
export function measureNoise(p: {
  kind?: MeasureKind | undefined;
  baseline: number | null;
  target: number | null;
  reliability?: MeasureReliability | null | undefined;
}): number | null {
  return p.reliability ? reliableChangeMargin(p.reliability) : defaultNoise(p);
}

/** How much worse `value` is than `expected`, given the better direction (negative: better). */
export function worseBy(better: Better, expected: number, value: number): number {
  return better === 'higher' ? expected - value : value - expected;
}

/** The R5 line of a goal: where it starts and ends, and which way is better. */
export interface ExpectedLine {
  baseline: number;
  target: number;
  better: Better;
  startAt: Date | string;
  dueAt: Date | string;
}

// Float arithmetic must not turn "exactly the noise" into "more than the noise".
const TOLERANCE = 1e-9;

/**
 * SPEC §9 R5 (design): a goal is off track when it has been behind its line by more than the
 * noise for two weeks — every check-in in the last 14 days (now − 14 × 24 h, now], at least 2
 * of them spanning at least 7 days, is worse than `expectedValue` at its time by more than
 * `noise`. Check-ins after `now` are ignored.
 */
export function offTrackFor(p: {
  line: ExpectedLine;
  noise: number;
  points: readonly Point[];
  now: Date;
}): boolean {
  const noise = num(p.noise, 'noise');
  const now = ms(p.now, 'now');
  const recent = samples(p.points).filter(
    (s) => s.t <= now && s.t > now - offTrackWindowDays * DAY_MS,
  );
  if (recent.length < 2) return false;
  const times = recent.map((s) => s.t);
  if (Math.max(...times) - Math.min(...times) < offTrackMinSpanDays * DAY_MS) return false;
  return recent.every(
    (s) =>
      worseBy(p.line.better, expectedValue({ ...p.line, at: new Date(s.t) }), s.value) >
      noise + TOLERANCE,
  );
}

export interface GoalProgressInput {
  baseline: number | null;
  target: number | null;
  better: Better;
  /** ISO instant when the goal got its target */
  startAt: string;
  /** YYYY-MM-DD; the goal is due by the end of that day in `timeZone` */
  dueDate: string | null;
  timeZone: string;
  now: Date;
  /** check-ins of the goal's measure, any order */
  points: readonly Point[];
  /** the measure's kind; only used to choose the default noise */
  kind?: MeasureKind;
  /** the measure's reliable-change margin; default `measureNoise` */
  noise?: number;
  /** the measure's SD and reliability, when staff gave them: its noise is then its RCI margin */
  reliability?: MeasureReliability | null;
}

export interface GoalProgress {
  baseline: number | null;
  target: number | null;
  /** latest by `at`; ties go to the later one in `points` */
  latest: { at: string; value: number } | null;
  percentToTarget: number | null;
  /** mean of check-ins whose local day is within the last 7 / 28 local days, today included */
  average7: number | null;
  average28: number | null;
  trend: { slopePerWeek: number | null; direction: 'improving' | 'worsening' | 'flat' | 'unknown' };
  /** null without baseline, target, due date and a check-in; else latest within noise of R5 */
  onTrack: boolean | null;
  /** `offTrackFor` (R5, two weeks behind); null when `onTrack` is */
  offTrack: boolean | null;
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : round2(values.reduce((a, b) => a + b, 0) / values.length);
}

/**
 * The progress of a goal (DESIGN.md `GET /api/goals/:goalId/progress`; SPEC §9 R5). Averages
 * are over the client's local days; the trend is the Theil–Sen slope of the last
 * `trendWindowDays` local days, called flat when it would take more than 10 weeks to move by
 * the noise (or, without a noise, by 10% of the values' range) — a Stepwise design decision.
 */
export function goalProgress(input: GoalProgressInput): GoalProgress {
  const { baseline, target, better, timeZone } = input;
  if (baseline !== null) num(baseline, 'baseline');
  if (target !== null) num(target, 'target');
  ms(input.startAt, 'startAt');
  if (input.dueDate !== null) dayNumber(input.dueDate, 'dueDate');
  const today = dayNumber(localDate(input.now, timeZone));
  const noise =
    input.noise !== undefined
      ? num(input.noise, 'noise')
      : measureNoise({ kind: input.kind, baseline, target, reliability: input.reliability });
  if (noise !== null && noise < 0) throw new DomainError('noise', 'Expected a number ≥ 0.');

  const all = samples(input.points);
  let last: Sample | null = null;
  for (const s of all) if (last === null || s.t >= last.t) last = s;
  const latest = last === null ? null : { at: new Date(last.t).toISOString(), value: last.value };

  const ago = all.map((s) => ({ s, days: today - dayNumber(localDate(new Date(s.t), timeZone)) }));
  const within = (n: number): Sample[] =>
    ago.filter((a) => a.days >= 0 && a.days < n).map((a) => a.s);
  const recent = within(trendWindowDays);

  const slope = theilSenSlopePerWeek(recent.map((s) => ({ at: new Date(s.t), value: s.value })));
  let direction: GoalProgress['trend']['direction'] = 'unknown';
  if (slope !== null) {
    const values = recent.map((s) => s.value);
    const scale = noise ?? 0.1 * (Math.max(...values) - Math.min(...values));
    if (Math.abs(slope) <= scale / 10) direction = 'flat';
    else direction = slope > 0 === (better === 'higher') ? 'improving' : 'worsening';
  }

  let onTrack: boolean | null = null;
  let offTrack: boolean | null = null;
  if (baseline !== null && target !== null && input.dueDate !== null && latest !== null) {
    const line: ExpectedLine = {
      baseline,
      target,
      better,
      startAt: input.startAt,
      dueAt: dueInstant(input.dueDate, timeZone),
    };
    const margin = noise ?? 0;
    const expected = expectedValue({ ...line, at: latest.at });
    onTrack = worseBy(better, expected, latest.value) <= margin + TOLERANCE;
    offTrack = offTrackFor({ line, noise: margin, points: input.points, now: input.now });
  }

  return {
    baseline,
    target,
    latest,
    percentToTarget:
      baseline !== null && target !== null
        ? percentToTarget(baseline, target, latest?.value ?? null)
        : null,
    average7: mean(within(7).map((s) => s.value)),
    average28: mean(recent.map((s) => s.value)),
    trend: { slopePerWeek: slope === null ? null : round2(slope), direction },
    onTrack,
    offTrack,
  };
}
