import { Field } from './field.tsx';

export interface DateRange {
  from: string;
  to: string;
}

/** Two date inputs, "from" and "to" (either may be empty), for filtering a list by day. */
export function DateRangeFields({
  value,
  onChange,
  labels,
}: {
  value: DateRange;
  onChange: (next: DateRange) => void;
  labels: { from: string; to: string };
}) {
  return (
    <>
      <Field label={labels.from}>
        {(a) => (
          <input
            {...a}
            type="date"
            value={value.from}
            onChange={(e) => onChange({ ...value, from: e.target.value })}
          />
        )}
      </Field>
      <Field label={labels.to}>
        {(a) => (
          <input
            {...a}
            type="date"
            value={value.to}
            onChange={(e) => onChange({ ...value, to: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}
