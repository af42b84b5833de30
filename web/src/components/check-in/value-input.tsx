import type { MeasureView } from '../../../../src/contract/goals.ts';
import { t } from '../../i18n/index.ts';

interface Props {
  measure: MeasureView;
  value: number | undefined;
  onChange: (value: number) => void;
  id: string;
}

const limits = { count: 10_000, minutes: 1440 } as const;

/** The control for one measure: a 0–10 slider, a stepper for counts and minutes, or yes/no. */
export function ValueInput({ measure, value, onChange, id }: Props) {
  switch (measure.kind) {
    case 'scale':
      return (
        <div className="scale-input">
          <input
            id={id}
            type="range"
            min={0}
            max={10}
            step={1}
            value={value ?? 5}
            onChange={(e) => onChange(Number(e.target.value))}
            aria-valuetext={`${value ?? 5} / 10`}
          />
          <output htmlFor={id} className="scale-value">
            {value ?? 5}
          </output>
          <span className="scale-ends muted" aria-hidden="true">
            <span>0</span>
            <span>10</span>
          </span>
        </div>
      );
    case 'count':
    case 'minutes': {
      const step = measure.kind === 'minutes' ? 5 : 1;
      const v = value ?? 0;
      const max = limits[measure.kind];
      const set = (n: number) => onChange(Math.min(max, Math.max(0, n)));
      return (
        <div className="stepper">
          <button
            type="button"
            className="button"
            onClick={() => set(v - step)}
            aria-label={t.checkIn.decrease(measure.name)}
          >
            −
          </button>
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={0}
            max={max}
            step={step}
            value={v}
            onChange={(e) => set(Number(e.target.value) || 0)}
          />
          <button
            type="button"
            className="button"
            onClick={() => set(v + step)}
            aria-label={t.checkIn.increase(measure.name)}
          >
            +
          </button>
          {measure.unit && <span className="muted">{measure.unit}</span>}
        </div>
      );
    }
    case 'yesno':
      return (
        <div className="row yesno" role="radiogroup" aria-labelledby={`${id}-label`}>
          {[
            { v: 1, label: t.checkIn.yes },
            { v: 0, label: t.checkIn.no },
          ].map((o) => (
            <label key={o.v} className={`choice${value === o.v ? ' chosen' : ''}`}>
              <input
                type="radio"
                name={id}
                checked={value === o.v}
                onChange={() => onChange(o.v)}
              />
              {o.label}
            </label>
          ))}
        </div>
      );
  }
}
