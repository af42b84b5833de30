import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { createPlanBody, type IfThenPlanView } from '../../../../src/contract/if-then.ts';
import { ApiError, errorText, send } from '../../api/http.ts';
import { refreshGoal } from '../../api/queries.ts';
import { Field, fieldErrors } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';

interface Props {
  goalId: string;
  clientId: string;
  /** Editing this plan; without it the form adds a new one. */
  plan?: IfThenPlanView;
  onDone: (message: string) => void;
  onCancel?: () => void;
}

/**
 * Write an obstacle and its if–then plan: POST a new one or PATCH this one (with its version as
 * If-Match). The same schema as the server checks it first; the server's 400 lands at the field.
 */
export function IfThenForm({ goalId, clientId, plan, onDone, onCancel }: Props) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    obstacle: plan?.obstacle ?? '',
    ifText: plan?.ifText ?? '',
    thenText: plan?.thenText ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createPlanBody.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      setError(t.ifThen.fixErrors);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      if (plan) await send('PATCH', `/api/plans/${plan.id}`, parsed.data, `"${plan.version}"`);
      else await send('POST', `/api/goals/${goalId}/plans`, parsed.data);
      setErrors({});
      if (!plan) setValues({ obstacle: '', ifText: '', thenText: '' });
      onDone(t.ifThen.saved);
    } catch (err) {
      const atFields =
        err instanceof ApiError && err.problem?.errors ? fieldErrors(err.problem.errors) : {};
      setErrors(atFields);
      setError(
        Object.keys(atFields).length > 0
          ? t.ifThen.fixErrors
          : err instanceof ApiError && err.status === 412
            ? t.ifThen.stale
            : errorText(err),
      );
    } finally {
      setBusy(false);
      await refreshGoal(queryClient, { goalId, clientId });
    }
  }

  const field = (name: keyof typeof values, label: string, hint: string) => (
    <Field label={label} hint={hint} error={errors[name]}>
      {(a) => (
        <textarea
          {...a}
          rows={2}
          maxLength={500}
          value={values[name]}
          onChange={(e) => setValues({ ...values, [name]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      {field('obstacle', t.ifThen.obstacle, t.ifThen.obstacleHint)}
      {field('ifText', t.ifThen.ifText, t.ifThen.ifHint)}
      {field('thenText', t.ifThen.thenText, t.ifThen.thenHint)}
      {error && (
        <p className="error-text" role="alert">
          ⚠ {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t.states.saving : t.ifThen.save}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t.ifThen.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
