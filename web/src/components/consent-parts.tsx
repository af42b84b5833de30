import type { PersonRef } from '../../../src/contract/consent.ts';
import { errorText } from '../api/http.ts';
import { t } from '../i18n/index.ts';
import { Field } from './field.tsx';

/** "From whom": everyone at the clinic (the empty value), or one staff member. */
export function StaffSelect({
  staff,
  value,
  onChange,
}: {
  staff: PersonRef[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <Field label={t.privacy.from}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t.privacy.everyone}</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** What the last change did, or why it failed, announced to screen readers. */
export function ChangeStatus({ done, error }: { done: string; error: unknown }) {
  return (
    <div role="status" aria-live="polite">
      {done && <p>{done}</p>}
      {error ? <p className="error-text">⚠ {errorText(error)}</p> : null}
    </div>
  );
}
