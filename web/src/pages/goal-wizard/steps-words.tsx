import { Field } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';
import { blankGoal, withGoal, type StepProps } from './wizard-model.ts';

const w = t.wizard;

/** Step 1: life areas and values, and what matters in the client's own words. */
export function StepMatters({ content, onChange, errors }: StepProps) {
  return (
    <div className="stack">
      <p>{w.mattersIntro}</p>
      <Field label={w.areas} hint={w.areasHint} error={errors['matters.areas']}>
        {(a) => (
          <input
            {...a}
            type="text"
            value={content.areas}
            onChange={(e) => onChange({ ...content, areas: e.target.value })}
          />
        )}
      </Field>
      <Field label={w.ownWords} hint={w.ownWordsHint} error={errors['matters.ownWords']}>
        {(a) => (
          <textarea
            {...a}
            rows={4}
            maxLength={2000}
            value={content.ownWords}
            onChange={(e) => onChange({ ...content, ownWords: e.target.value })}
          />
        )}
      </Field>
    </div>
  );
}

/** Step 2: each goal in a sentence, its best outcome, and how the client would notice it. */
export function StepWish({ content, onChange, errors }: StepProps) {
  const { goals } = content;
  return (
    <div className="stack">
      <p>{w.wishIntro}</p>
      {errors.goals && <p className="error-text">⚠ {errors.goals}</p>}
      {goals.map((g, i) => {
        const at = `goals.${i}`;
        const set = (patch: Parameters<typeof withGoal>[2]) =>
          onChange(withGoal(content, i, patch));
        return (
          <fieldset key={g.key} className="stack">
            <legend>{w.goalN(i + 1)}</legend>
            <Field label={w.wishTitle} hint={w.wishHint} error={errors[`${at}.title`]}>
              {(a) => (
                <input
                  {...a}
                  type="text"
                  maxLength={200}
                  value={g.title}
                  onChange={(e) => set({ title: e.target.value })}
                />
              )}
            </Field>
            <Field label={w.bestOutcome} error={errors[`${at}.bestOutcome`]}>
              {(a) => (
                <textarea
                  {...a}
                  rows={3}
                  maxLength={2000}
                  value={g.bestOutcome}
                  onChange={(e) => set({ bestOutcome: e.target.value })}
                />
              )}
            </Field>
            <Field label={w.notice} error={errors[`${at}.notice`]}>
              {(a) => (
                <textarea
                  {...a}
                  rows={3}
                  maxLength={2000}
                  value={g.notice}
                  onChange={(e) => set({ notice: e.target.value })}
                />
              )}
            </Field>
            {goals.length > 1 && (
              <button
                type="button"
                className="button link"
                onClick={() => onChange({ ...content, goals: goals.filter((_, j) => j !== i) })}
              >
                {w.removeGoal(i + 1)}
              </button>
            )}
          </fieldset>
        );
      })}
      {goals.length < 5 && (
        <button
          type="button"
          className="button"
          onClick={() => onChange({ ...content, goals: [...goals, blankGoal()] })}
        >
          {w.addGoal}
        </button>
      )}
    </div>
  );
}
