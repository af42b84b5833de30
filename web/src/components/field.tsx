import { useId } from 'react';
import type { ReactNode } from 'react';

/** A labelled control with its hint and error tied to it by aria-describedby. */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (props: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
  }) => ReactNode;
}) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-err`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>{label}</span>
      </label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {error && (
        <span id={`${id}-err`} className="error-text small">
          <span aria-hidden="true">⚠ </span>
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * Field errors from a zod issue list or a problem+json `errors` array, keyed by top field —
 * or, with `under` (e.g. `sustain`), by the field inside it (`sustain.slipThreshold` →
 * `slipThreshold`; an error on `sustain` itself → `''`).
 */
export function fieldErrors(
  issues: { path?: PropertyKey[]; field?: string; message: string }[],
  under?: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    let key = i.field ?? i.path?.map(String).join('.') ?? '';
    if (under !== undefined) {
      if (key !== under && !key.startsWith(`${under}.`)) continue;
      key = key.slice(under.length + 1);
    }
    const top = key.split('.')[0] ?? key;
    out[top] ??= i.message;
  }
  return out;
}
