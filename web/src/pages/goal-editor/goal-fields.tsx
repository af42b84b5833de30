import { Field } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';
import { gasKeys, measureKinds, type GoalDraft, type MeasurableDraft } from './goal-draft.ts';

interface Props {
  draft: GoalDraft;
  onChange: (patch: Partial<GoalDraft>) => void;
  errors: Record<string, string>;
  /** Clients propose goals: no status, GAS or target numbers to set. */
  simple?: boolean;
  /** The statuses this goal may move to (GoalView.can.changeStatus); a new goal: active or proposed. */
  statuses?: readonly string[];
}

/** Title, why, measure, baseline → target by a date, and the GAS levels. */
export function GoalFields({ draft, onChange, errors, simple, statuses }: Props) {
  const f = t.goalForm;
  return (
    <div className="stack">
      <Field label={f.title} hint={f.titleHint} error={errors.title}>
        {(a) => (
          <input
            {...a}
            type="text"
            value={draft.title}
            maxLength={200}
            onChange={(e) => onChange({ title: e.target.value })}
          />
        )}
      </Field>
      <Field label={f.why} hint={f.whyHint} error={errors.why}>
        {(a) => (
          <textarea
            {...a}
            value={draft.why}
            maxLength={2000}
            onChange={(e) => onChange({ why: e.target.value })}
          />
        )}
      </Field>
      <MeasureChoice draft={draft} onChange={onChange} errors={errors} />
      <TargetFields draft={draft} onChange={onChange} errors={errors} />
      {!simple && (
        <>
          <Field label={f.status}>
            {(a) => (
              <select
                {...a}
                value={draft.status}
                onChange={(e) => onChange({ status: e.target.value as GoalDraft['status'] })}
              >
                {[...new Set([draft.status, ...(statuses ?? ['active', 'proposed'])])].map((s) => (
                  <option key={s} value={s}>
                    {f.statuses[s] ?? s}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset>
            <legend>{f.gas}</legend>
            <label className="check">
              <input
                type="checkbox"
                checked={draft.gasOn}
                onChange={(e) => onChange({ gasOn: e.target.checked })}
              />
              {f.gasOn}
            </label>
            {draft.gasOn && (
              <div className="stack">
                {errors.gas && <p className="error-text">⚠ {errors.gas}</p>}
                {gasKeys.map((k) => (
                  <Field key={k} label={f.gasLevel(k)}>
                    {(a) => (
                      <input
                        {...a}
                        type="text"
                        value={draft.gas[k]}
                        maxLength={500}
                        onChange={(e) => onChange({ gas: { ...draft.gas, [k]: e.target.value } })}
                      />
                    )}
                  </Field>
                ))}
                <Field label={f.gasWeight} hint={f.gasWeightHint}>
                  {(a) => (
                    <input
                      {...a}
                      type="number"
                      min={0}
                      max={100}
                      step="any"
                      value={draft.gasWeight}
                      onChange={(e) => onChange({ gasWeight: e.target.value })}
                    />
                  )}
                </Field>
              </div>
            )}
          </fieldset>
        </>
      )}
    </div>
  );
}

interface MeasurableProps {
  draft: MeasurableDraft;
  onChange: (patch: Partial<MeasurableDraft>) => void;
  errors: Record<string, string>;
}

/** A new measure: its name, kind, unit and which way is better. */
export function MeasureChoice({ draft, onChange, errors }: MeasurableProps) {
  const f = t.goalForm;
  return (
    <fieldset>
      <legend>{f.measure}</legend>
      <div className="grid-2">
        <Field label={f.measureName} error={errors.measure}>
          {(a) => (
            <input
              {...a}
              type="text"
              value={draft.measureName}
              maxLength={100}
              onChange={(e) => onChange({ measureName: e.target.value })}
            />
          )}
        </Field>
        <Field label={f.measureKind}>
          {(a) => (
            <select
              {...a}
              value={draft.measureKind}
              onChange={(e) =>
                onChange({ measureKind: e.target.value as GoalDraft['measureKind'] })
              }
            >
              <option value="">{f.noMeasure}</option>
              {measureKinds.map((k) => (
                <option key={k} value={k}>
                  {f.kinds[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={f.unit}>
          {(a) => (
            <input
              {...a}
              type="text"
              value={draft.unit}
              maxLength={40}
              onChange={(e) => onChange({ unit: e.target.value })}
            />
          )}
        </Field>
        <Field label={f.better}>
          {(a) => (
            <select
              {...a}
              value={draft.better}
              onChange={(e) => onChange({ better: e.target.value as 'higher' | 'lower' })}
            >
              <option value="higher">{f.higher}</option>
              <option value="lower">{f.lower}</option>
            </select>
          )}
        </Field>
      </div>
    </fieldset>
  );
}

/** Baseline (now), target and the date to reach it by. */
export function TargetFields({ draft, onChange, errors }: MeasurableProps) {
  const f = t.goalForm;
  return (
    <div className="grid-3">
      {(['baseline', 'target'] as const).map((k) => (
        <Field key={k} label={f[k]} error={errors[k]}>
          {(a) => (
            <input
              {...a}
              type="number"
              inputMode="decimal"
              step="any"
              value={draft[k]}
              onChange={(e) => onChange({ [k]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <Field label={f.dueDate} error={errors.dueDate}>
        {(a) => (
          <input
            {...a}
            type="date"
            value={draft.dueDate}
            onChange={(e) => onChange({ dueDate: e.target.value })}
          />
        )}
      </Field>
    </div>
  );
}
