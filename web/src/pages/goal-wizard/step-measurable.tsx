import type { GoalDraftView } from '../../../../src/contract/goal-drafts.ts';
import { useMeasures } from '../../api/queries.ts';
import { Field } from '../../components/field.tsx';
import { SmartHints } from '../../components/smart-hints.tsx';
import { t } from '../../i18n/index.ts';
import { MeasureChoice, TargetFields } from '../goal-editor/goal-fields.tsx';
import { errorsUnder, smartBodyOf, withGoal, type StepProps } from './wizard-model.ts';

const w = t.wizard;

/**
 * Step 5: the goal editor's measure and target fields for each goal (or one of the client's
 * measures), with the SMART hints live — their "achievable" hint is the realistic check of the
 * change against the baseline and the time to the date.
 */
export function StepMeasurable({
  content,
  onChange,
  errors,
  clientId,
  hints,
}: StepProps & { clientId: string; hints: GoalDraftView['hints'] }) {
  const measures = useMeasures(clientId);
  const known = measures.data?.measures ?? [];
  return (
    <div className="stack">
      <p>{w.measurableIntro}</p>
      {content.goals.map((g, i) => {
        const own = errorsUnder(errors, `goals.${i}.`);
        const picked = known.find((m) => m.id === g.measureId);
        const smartBody = smartBodyOf(g, clientId);
        return (
          <section key={g.key} className="editor-grid" aria-label={w.goalNamed(i + 1, g.title)}>
            <fieldset className="stack">
              <legend>{w.goalNamed(i + 1, g.title)}</legend>
              {known.length > 0 && (
                <Field label={w.measure} error={own.measureId}>
                  {(a) => (
                    <select
                      {...a}
                      value={g.measureId}
                      onChange={(e) =>
                        onChange(withGoal(content, i, { measureId: e.target.value }))
                      }
                    >
                      <option value="">{w.newMeasure}</option>
                      {known.map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              {!g.measureId && (
                <MeasureChoice
                  draft={g.measurable}
                  errors={own}
                  onChange={(p) =>
                    onChange(withGoal(content, i, { measurable: { ...g.measurable, ...p } }))
                  }
                />
              )}
              <TargetFields
                draft={g.measurable}
                errors={own}
                onChange={(p) =>
                  onChange(withGoal(content, i, { measurable: { ...g.measurable, ...p } }))
                }
              />
            </fieldset>
            <SmartHints
              body={
                picked
                  ? {
                      ...smartBody,
                      measure: { kind: picked.kind, better: picked.better, name: picked.name },
                    }
                  : smartBody
              }
              initial={hints.find((h) => h.key === g.key)?.smart}
            />
          </section>
        );
      })}
    </div>
  );
}
