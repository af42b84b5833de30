import type { PracticeSchedule } from '../../domain/practice.ts';
import type { Better, MeasureKind } from '../../store/schema.ts';

/**
 * The demo clients' six months, as stories: how far each is from baseline toward target over
 * time (0 = baseline, 1 = target, below 0 = worse than at the start), how often they check in
 * and practise, and where their PHQ-9 and GAD-7 go. `t` runs from 0 (six months ago) to 1 (now).
 */
export type Curve = (t: number) => number;

export interface DemoGoal {
  title: string;
  why: string;
  measure: { name: string; kind: MeasureKind; unit?: string; better: Better };
  baseline: number;
  target: number;
  /** Days from now to the due date (negative: past). */
  dueInDays: number;
  /** Fraction of the six months when the goal was set (0 = at the start). */
  startT?: number;
  /** Scales the story's progress for this goal. */
  pace?: number;
  /** Day-to-day spread of the check-ins, in the measure's units. */
  noise: number;
  status?: 'active' | 'achieved';
  /** Index of the demo goal this one sits under. */
  parent?: number;
  steps: { title: string; dueT: number; doneT?: number }[];
  practices: { title: string; schedule: PracticeSchedule; minutes?: number }[];
  revision?: { t: number; target?: number; dueInDays?: number; reason: string };
  comments: { by: 'client' | 'therapist'; t: number; body: string }[];
}

export interface DemoStory {
  email: string;
  kind: 'improving' | 'stuck' | 'deteriorating' | 'silent';
  progress: Curve;
  /** Chance of checking in (and of doing a scheduled practice) on a given day. */
  engagement: Curve;
  phq9: Curve;
  gad7: Curve;
  /** Days at the end with nothing from the client at all. */
  silentDays?: number;
  /** The latest PHQ-9 (two hours ago) answers item 9 with 1: one open risk alert. */
  riskAtEnd?: boolean;
  goals: DemoGoal[];
}

/** From a to b as t goes from 0 to 1. */
export const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
