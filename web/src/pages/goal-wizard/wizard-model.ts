import type { DraftContent, DraftGoal } from '../../../../src/contract/goal-drafts.ts';
import { newId } from '../../lib/uuid.ts';
import {
  blankDraft,
  measurableFrom,
  toSmartBody,
  type MeasurableDraft,
} from '../goal-editor/goal-draft.ts';

/** The seven steps of the conversation, then the review before the goals are created. */
export const stepCount = 7;
export type Stage = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 'review';

export interface WizardObstacle {
  obstacle: string;
  ifText: string;
  thenText: string;
}

/** One goal as typed: strings for inputs, turned into the draft's shape on save. */
export interface WizardGoal {
  key: string;
  title: string;
  bestOutcome: string;
  notice: string;
  obstacles: WizardObstacle[];
  /** An existing measure of the client's; empty when the goal names a new one. */
  measureId: string;
  measurable: MeasurableDraft;
  steps: NonNullable<DraftGoal['steps']>;
  practices: NonNullable<DraftGoal['practices']>;
}

export interface WizardContent {
  areas: string;
  ownWords: string;
  goals: WizardGoal[];
  reviewEveryDays: string;
  clientWill: string;
  therapistWill: string;
}

export function blankGoal(): WizardGoal {
  return {
    key: newId(),
    title: '',
    bestOutcome: '',
    notice: '',
    obstacles: [],
    measureId: '',
    measurable: measurableFrom({}),
    steps: [],
    practices: [],
  };
}

const str = (n: number | undefined) => (n === undefined ? '' : String(n));

/** The saved draft as the form shows it. */
export function fromContent(c: DraftContent): WizardContent {
  const goals = (c.goals ?? []).map((g): WizardGoal => ({
    key: g.key,
    title: g.title ?? '',
    bestOutcome: g.bestOutcome ?? '',
    notice: g.notice ?? '',
    obstacles: (g.obstacles ?? []).map((o) => ({
      obstacle: o.obstacle,
      ifText: o.ifText ?? '',
      thenText: o.thenText ?? '',
    })),
    measureId: g.measureId ?? '',
    measurable: measurableFrom(g),
    steps: g.steps ?? [],
    practices: g.practices ?? [],
  }));
  return {
    areas: (c.matters?.areas ?? []).join(', '),
    ownWords: c.matters?.ownWords ?? '',
    goals: goals.length ? goals : [blankGoal()],
    reviewEveryDays: str(c.agreement?.reviewEveryDays),
    clientWill: c.agreement?.clientWill ?? '',
    therapistWill: c.agreement?.therapistWill ?? '',
  };
}

/** A typed number; what is not one stays NaN (sent as null) so the server names the field. */
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));
const filled = (s: string) => (s.trim() ? s : undefined);

function toDraftGoal(w: WizardGoal): DraftGoal {
  const m = w.measurable;
  const g: DraftGoal = {
    key: w.key,
    title: filled(w.title),
    bestOutcome: filled(w.bestOutcome),
    notice: filled(w.notice),
    obstacles: w.obstacles.map((o) => ({
      obstacle: o.obstacle,
      ifText: filled(o.ifText),
      thenText: filled(o.thenText),
    })),
    measureId: filled(w.measureId),
    measure:
      !w.measureId && m.measureKind && m.measureName.trim()
        ? {
            name: m.measureName,
            kind: m.measureKind,
            better: m.better,
            ...(m.unit.trim() ? { unit: m.unit } : {}),
          }
        : undefined,
    baseline: num(m.baseline),
    target: num(m.target),
    dueDate: filled(m.dueDate),
    steps: w.steps,
    practices: w.practices,
  };
  // Undefined keys are left out, so the JSON holds only what was typed.
  return Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined)) as DraftGoal;
}

/** What one step saves: each section sent replaces the saved one (PATCH /api/goal-drafts/:id). */
export function sectionsFor(step: number, c: WizardContent): DraftContent {
  if (step === 1) {
    const areas = c.areas
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    return { matters: { areas, ...(c.ownWords.trim() ? { ownWords: c.ownWords } : {}) } };
  }
  const goals = c.goals.map(toDraftGoal);
  if (step < 7) return { goals };
  return {
    goals,
    agreement: {
      ...(num(c.reviewEveryDays) !== undefined ? { reviewEveryDays: num(c.reviewEveryDays) } : {}),
      ...(c.clientWill.trim() ? { clientWill: c.clientWill } : {}),
      ...(c.therapistWill.trim() ? { therapistWill: c.therapistWill } : {}),
    },
  };
}

/** The SMART check's body for one goal, as the goal editor builds it. */
export function smartBodyOf(w: WizardGoal, clientId: string) {
  return toSmartBody({ ...blankDraft(), ...w.measurable, title: w.title }, clientId);
}

/** Which step a field of the draft belongs to, so a refusal at finishing can send the person there. */
export function stepOfField(field: string): number {
  if (field.startsWith('matters')) return 1;
  if (field.startsWith('agreement')) return 7;
  const part = field.split('.')[2] ?? 'title';
  if (/^obstacles$/.test(part)) return /(ifText|thenText)$/.test(field) ? 4 : 3;
  if (/^(measure|measureId|baseline|target|dueDate)$/.test(part)) return 5;
  if (/^(steps|practices)$/.test(part)) return 6;
  return 2;
}

/** The errors of one goal (`goals.1.measure.name` → `measure`), for the goal editor's fields. */
export function errorsUnder(errors: Record<string, string>, prefix: string) {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors))
    if (k.startsWith(prefix)) out[k.slice(prefix.length).split('.')[0] ?? ''] ??= v;
  return out;
}

/** The goals in a new order (step 7): the one at `from` moves to `to`. */
export function moveGoal(goals: WizardGoal[], from: number, to: number): WizardGoal[] {
  const next = [...goals];
  const [g] = next.splice(from, 1);
  if (g) next.splice(to, 0, g);
  return next;
}

/** What every step's screen gets: the whole conversation as typed, and the errors by field path. */
export interface StepProps {
  content: WizardContent;
  onChange: (next: WizardContent) => void;
  errors: Record<string, string>;
}

/** The conversation with one goal changed. */
export function withGoal(c: WizardContent, i: number, patch: Partial<WizardGoal>): WizardContent {
  return { ...c, goals: c.goals.map((g, j) => (j === i ? { ...g, ...patch } : g)) };
}
