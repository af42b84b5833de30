import type {
  CreateGoalBody,
  GasScale,
  GoalView,
  PatchGoalBody,
} from '../../../../src/contract/goals.ts';
import { measureKinds } from '../../../../src/contract/goals.ts';

export { measureKinds };
import type { TemplateView } from '../../../../src/contract/plan.ts';

export type MeasureKind = (typeof measureKinds)[number];
export const gasKeys = ['-2', '-1', '0', '1', '2'] as const;
export type GasKey = (typeof gasKeys)[number];

/** The goal form as typed: strings for inputs, converted to the API's body on save. */
export type GoalStatus = GoalView['status'];

export interface GoalDraft {
  title: string;
  why: string;
  status: GoalStatus;
  measureName: string;
  measureKind: MeasureKind | '';
  unit: string;
  better: 'higher' | 'lower';
  baseline: string;
  target: string;
  dueDate: string;
  gasOn: boolean;
  gas: Record<GasKey, string>;
  gasWeight: string;
}

const emptyGas = (): Record<GasKey, string> => ({ '-2': '', '-1': '', '0': '', '1': '', '2': '' });

export function blankDraft(status: GoalStatus = 'active'): GoalDraft {
  return {
    title: '',
    why: '',
    status,
    measureName: '',
    measureKind: '',
    unit: '',
    better: 'higher',
    baseline: '',
    target: '',
    dueDate: '',
    gasOn: false,
    gas: emptyGas(),
    gasWeight: '',
  };
}

export function draftFromTemplate(t: TemplateView): GoalDraft {
  return {
    ...blankDraft(),
    title: t.title,
    why: t.why ?? '',
    measureName: t.measure?.name ?? '',
    measureKind: t.measure?.kind ?? '',
    unit: t.measure?.unit ?? '',
    better: t.measure?.better ?? 'higher',
  };
}

const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** The fields of a goal that make it measurable: the measure, then baseline → target by a date. */
export type MeasurableDraft = Pick<
  GoalDraft,
  'measureName' | 'measureKind' | 'unit' | 'better' | 'baseline' | 'target' | 'dueDate'
>;

/** The measure and target as typed, from a saved goal or a goal-setting draft's goal. */
export function measurableFrom(g: {
  measure?: {
    name: string;
    kind: MeasureKind;
    unit?: string | null;
    better: 'higher' | 'lower';
  } | null;
  baseline?: number | null;
  target?: number | null;
  dueDate?: string | null;
}): MeasurableDraft {
  return {
    measureName: g.measure?.name ?? '',
    measureKind: g.measure?.kind ?? '',
    unit: g.measure?.unit ?? '',
    better: g.measure?.better ?? 'higher',
    baseline: str(g.baseline),
    target: str(g.target),
    dueDate: g.dueDate ?? '',
  };
}

export function draftFromGoal(g: GoalView): GoalDraft {
  return {
    title: g.title,
    why: g.why ?? '',
    status: g.status,
    ...measurableFrom(g),
    gasOn: g.gas !== null,
    gas: g.gas ? { ...emptyGas(), ...g.gas.levels } : emptyGas(),
    gasWeight: str(g.gas?.weight),
  };
}

const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

function measureOf(d: GoalDraft) {
  if (!d.measureKind || !d.measureName.trim()) return undefined;
  return {
    name: d.measureName.trim(),
    kind: d.measureKind,
    better: d.better,
    ...(d.unit.trim() ? { unit: d.unit.trim() } : {}),
  };
}

function gasOf(d: GoalDraft): GasScale | undefined {
  if (!d.gasOn) return undefined;
  const w = num(d.gasWeight);
  return { levels: { ...d.gas }, ...(w !== undefined ? { weight: w } : {}) };
}

/** The create body; unknown numbers stay as NaN so the contract's schema names the field. */
export function toCreateBody(d: GoalDraft, templateId?: string): Record<string, unknown> {
  const body: Partial<CreateGoalBody> & Record<string, unknown> = {
    title: d.title,
    status: d.status === 'proposed' ? 'proposed' : 'active',
  };
  if (d.why.trim()) body.why = d.why;
  const m = measureOf(d);
  if (m) body.measure = m;
  const baseline = num(d.baseline);
  const target = num(d.target);
  if (baseline !== undefined) body.baseline = baseline;
  if (target !== undefined) body.target = target;
  if (d.dueDate) body.dueDate = d.dueDate;
  const gas = gasOf(d);
  if (gas) body.gas = gas;
  if (templateId) body.templateId = templateId;
  return body;
}

/** Only what changed from the loaded goal, so a PATCH touches nothing else. */
export function toPatchBody(d: GoalDraft, g: GoalView): Partial<PatchGoalBody> {
  const before = draftFromGoal(g);
  const patch: Record<string, unknown> = {};
  if (d.title !== before.title) patch.title = d.title;
  if (d.why !== before.why) patch.why = d.why.trim() ? d.why : null;
  if (d.status !== g.status) patch.status = d.status;
  const m = measureOf(d);
  if (
    m &&
    (m.name !== before.measureName ||
      m.kind !== before.measureKind ||
      m.better !== before.better ||
      (m.unit ?? '') !== before.unit)
  )
    patch.measure = m;
  if (!m && g.measure) patch.measureId = null;
  if (d.baseline !== before.baseline) patch.baseline = num(d.baseline) ?? null;
  if (d.target !== before.target) patch.target = num(d.target) ?? null;
  if (d.dueDate !== before.dueDate) patch.dueDate = d.dueDate || null;
  if (JSON.stringify(gasOf(d) ?? null) !== JSON.stringify(gasOf(before) ?? null))
    patch.gas = gasOf(d) ?? null;
  return patch as Partial<PatchGoalBody>;
}

/** What the SMART check needs, as the person types. */
export function toSmartBody(d: GoalDraft, clientId: string) {
  return {
    title: d.title,
    why: d.why || null,
    measure: d.measureKind ? { kind: d.measureKind, better: d.better, name: d.measureName } : null,
    baseline: num(d.baseline) ?? null,
    target: num(d.target) ?? null,
    dueDate: d.dueDate || null,
    clientId,
  };
}
