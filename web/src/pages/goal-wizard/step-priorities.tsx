import { useEffect, useRef, useState } from 'react';
import { Field } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';
import { moveGoal, type StepProps } from './wizard-model.ts';

const w = t.wizard;

/** Step 7: the goals in order (first = highest priority), how often to review, who does what. */
export function StepPriorities({
  content,
  onChange,
  errors,
  client,
}: StepProps & { client: boolean }) {
  const { goals } = content;
  // A moved goal keeps the keyboard focus, on whichever of its buttons still works.
  const list = useRef<HTMLOListElement>(null);
  const [moved, setMoved] = useState<{ key: string; up: boolean } | undefined>();
  const move = (from: number, to: number) => {
    onChange({ ...content, goals: moveGoal(goals, from, to) });
    setMoved({ key: goals[from]?.key ?? '', up: to < from });
  };
  useEffect(() => {
    if (!moved) return;
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>(
      `[data-goal="${moved.key}"] button`,
    );
    const [wanted, other] = moved.up ? [buttons?.[0], buttons?.[1]] : [buttons?.[1], buttons?.[0]];
    (wanted && !wanted.disabled ? wanted : other)?.focus();
  }, [moved]);
  return (
    <div className="stack">
      <p>{w.prioritiesIntro}</p>
      <h3 id="order-h">{w.order}</h3>
      <ol ref={list} className="stack" aria-labelledby="order-h">
        {goals.map((g, i) => {
          const name = g.title || w.goalN(i + 1);
          return (
            <li key={g.key} className="spread" data-goal={g.key}>
              <span>
                <span aria-hidden="true">{i + 1}. </span>
                {name}
              </span>
              <span className="row">
                <button
                  type="button"
                  className="button"
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                >
                  {w.moveUp(name)}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={i === goals.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  {w.moveDown(name)}
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <Field
        label={w.reviewEvery}
        hint={w.reviewEveryHint}
        error={errors['agreement.reviewEveryDays']}
      >
        {(a) => (
          <input
            {...a}
            type="number"
            inputMode="numeric"
            min={7}
            max={120}
            value={content.reviewEveryDays}
            onChange={(e) => onChange({ ...content, reviewEveryDays: e.target.value })}
          />
        )}
      </Field>
      <Field label={w.clientWill(client)} error={errors['agreement.clientWill']}>
        {(a) => (
          <textarea
            {...a}
            rows={3}
            maxLength={1000}
            value={content.clientWill}
            onChange={(e) => onChange({ ...content, clientWill: e.target.value })}
          />
        )}
      </Field>
      <Field label={w.therapistWill(client)} error={errors['agreement.therapistWill']}>
        {(a) => (
          <textarea
            {...a}
            rows={3}
            maxLength={1000}
            value={content.therapistWill}
            onChange={(e) => onChange({ ...content, therapistWill: e.target.value })}
          />
        )}
      </Field>
    </div>
  );
}
