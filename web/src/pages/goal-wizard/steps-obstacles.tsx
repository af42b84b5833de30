import { Field } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';
import { withGoal, type StepProps, type WizardObstacle } from './wizard-model.ts';

const w = t.wizard;

/** The conversation with one obstacle of one goal changed (or removed with `null`). */
function withObstacle(
  props: StepProps,
  i: number,
  j: number,
  patch: Partial<WizardObstacle> | null,
) {
  const obstacles = props.content.goals[i]?.obstacles ?? [];
  props.onChange(
    withGoal(props.content, i, {
      obstacles:
        patch === null
          ? obstacles.filter((_, k) => k !== j)
          : obstacles.map((o, k) => (k === j ? { ...o, ...patch } : o)),
    }),
  );
}

/** Step 3: what inside and around the client might get in the way of each goal. */
export function StepObstacles(props: StepProps) {
  const { content, onChange, errors } = props;
  return (
    <div className="stack">
      <p>{w.obstaclesIntro}</p>
      {content.goals.map((g, i) => (
        <fieldset key={g.key} className="stack">
          <legend>{w.goalNamed(i + 1, g.title)}</legend>
          {g.obstacles.length === 0 && <p className="muted">{w.noObstacles}</p>}
          {g.obstacles.map((o, j) => (
            <div key={j} className="inline-form">
              <Field label={w.obstacle(j + 1)} error={errors[`goals.${i}.obstacles.${j}.obstacle`]}>
                {(a) => (
                  <input
                    {...a}
                    type="text"
                    maxLength={500}
                    value={o.obstacle}
                    onChange={(e) => withObstacle(props, i, j, { obstacle: e.target.value })}
                  />
                )}
              </Field>
              <button
                type="button"
                className="button link"
                onClick={() => withObstacle(props, i, j, null)}
              >
                {w.removeObstacle(j + 1)}
              </button>
            </div>
          ))}
          {g.obstacles.length < 20 && (
            <button
              type="button"
              className="button"
              onClick={() =>
                onChange(
                  withGoal(content, i, {
                    obstacles: [...g.obstacles, { obstacle: '', ifText: '', thenText: '' }],
                  }),
                )
              }
            >
              {w.addObstacle}
            </button>
          )}
        </fieldset>
      ))}
    </div>
  );
}

/** Step 4: an if–then plan for each obstacle, read back as one sentence. */
export function StepPlans(props: StepProps) {
  const { content, errors } = props;
  const any = content.goals.some((g) => g.obstacles.length > 0);
  return (
    <div className="stack">
      <p>{w.plansIntro}</p>
      {!any && <p className="muted">{w.plansNone}</p>}
      {content.goals.map((g, i) =>
        g.obstacles.map((o, j) => {
          const at = `goals.${i}.obstacles.${j}`;
          return (
            <fieldset key={`${g.key}-${j}`} className="stack">
              <legend>{w.planFor(g.title, o.obstacle || w.obstacle(j + 1))}</legend>
              {errors[`${at}.obstacle`] && (
                <p className="error-text">⚠ {errors[`${at}.obstacle`]}</p>
              )}
              <Field label={w.ifText} hint={w.ifHint} error={errors[`${at}.ifText`]}>
                {(a) => (
                  <input
                    {...a}
                    type="text"
                    maxLength={500}
                    value={o.ifText}
                    onChange={(e) => withObstacle(props, i, j, { ifText: e.target.value })}
                  />
                )}
              </Field>
              <Field label={w.thenText} hint={w.thenHint} error={errors[`${at}.thenText`]}>
                {(a) => (
                  <input
                    {...a}
                    type="text"
                    maxLength={500}
                    value={o.thenText}
                    onChange={(e) => withObstacle(props, i, j, { thenText: e.target.value })}
                  />
                )}
              </Field>
              {o.ifText.trim() && o.thenText.trim() && (
                <p className="muted">{w.sentence(o.ifText.trim(), o.thenText.trim())}</p>
              )}
            </fieldset>
          );
        }),
      )}
    </div>
  );
}
