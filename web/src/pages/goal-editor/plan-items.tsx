import { useState } from 'react';
import type { FormEvent } from 'react';
import { createPracticeBody, createStepBody } from '../../../../src/contract/plan.ts';
import { Field, fieldErrors } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';

export interface StepDraft {
  title: string;
  dueDate?: string;
}
export interface PracticeDraft {
  title: string;
  schedule:
    | { kind: 'daily' }
    | { kind: 'weekly'; timesPerWeek: number }
    | { kind: 'weekdays'; days: number[] };
  minutes?: number;
}

/** A small form that adds one step (validated by the contract's schema). */
export function AddStepForm({
  onAdd,
  busy,
}: {
  onAdd: (s: StepDraft) => void | Promise<void>;
  busy?: boolean;
}) {
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createStepBody.safeParse({ title, ...(due ? { dueDate: due } : {}) });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    await onAdd(parsed.data);
    setTitle('');
    setDue('');
  }
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={t.plan.addStep}>
      <Field label={t.plan.stepTitle} error={errors.title}>
        {(a) => (
          <input {...a} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
        )}
      </Field>
      <Field label={t.plan.stepDue} error={errors.dueDate}>
        {(a) => <input {...a} type="date" value={due} onChange={(e) => setDue(e.target.value)} />}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {t.plan.addStep}
      </button>
    </form>
  );
}

/** Adds one practice: what, how often, how long. */
export function AddPracticeForm({
  onAdd,
  busy,
}: {
  onAdd: (p: PracticeDraft) => void | Promise<void>;
  busy?: boolean;
}) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<'daily' | 'weekly' | 'weekdays'>('daily');
  const [times, setTimes] = useState('3');
  const [days, setDays] = useState<number[]>([1, 3, 5]);
  const [minutes, setMinutes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(e: FormEvent) {
    e.preventDefault();
    const schedule =
      kind === 'daily'
        ? { kind }
        : kind === 'weekly'
          ? { kind, timesPerWeek: Number(times) }
          : { kind, days };
    const parsed = createPracticeBody.safeParse({
      title,
      schedule,
      ...(minutes ? { minutes: Number(minutes) } : {}),
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    await onAdd(parsed.data);
    setTitle('');
    setMinutes('');
  }
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={t.plan.addPractice}>
      <Field label={t.plan.practiceTitle} error={errors.title}>
        {(a) => (
          <input {...a} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
        )}
      </Field>
      <Field label={t.plan.howOften} error={errors.schedule}>
        {(a) => (
          <select {...a} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="daily">{t.practice.daily}</option>
            <option value="weekly">{t.plan.weekly}</option>
            <option value="weekdays">{t.plan.weekdays}</option>
          </select>
        )}
      </Field>
      {kind === 'weekly' && (
        <Field label={t.plan.timesPerWeek}>
          {(a) => (
            <input
              {...a}
              type="number"
              min={1}
              max={7}
              value={times}
              onChange={(e) => setTimes(e.target.value)}
            />
          )}
        </Field>
      )}
      {kind === 'weekdays' && (
        <fieldset>
          <legend>{t.plan.days}</legend>
          <div className="row">
            {t.practice.dayNames.map((name, d) => (
              <label key={name} className="check">
                <input
                  type="checkbox"
                  checked={days.includes(d)}
                  onChange={(e) =>
                    setDays(e.target.checked ? [...days, d].sort() : days.filter((x) => x !== d))
                  }
                />
                {name}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <Field label={t.plan.minutes} error={errors.minutes}>
        {(a) => (
          <input
            {...a}
            type="number"
            min={1}
            max={600}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {t.plan.addPractice}
      </button>
    </form>
  );
}
