import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { patchGoalBody, type GoalView } from '../../../../src/contract/goals.ts';
import { ApiError, errorText, request } from '../../api/http.ts';
import { keys, refreshGoal } from '../../api/queries.ts';
import { Field, fieldErrors } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';
import { dayIn, formatDay, formatNumber } from '../../lib/format.ts';

type Sustaining = NonNullable<GoalView['sustaining']>;

/** The phase in words: since when, the rhythm, the slip line and the next check-in. */
export function SustainingState({
  goal,
  sustaining,
  timeZone,
}: {
  goal: GoalView;
  sustaining: Sustaining;
  timeZone: string;
}) {
  const m = goal.measure;
  return (
    <ul className="plain-list">
      <li>{t.sustain.since(formatDay(dayIn(sustaining.since, timeZone)))}</li>
      <li>{t.sustain.rhythm(sustaining.checkInEveryDays)}</li>
      <li>
        {sustaining.checkInDue ? (
          <strong>{t.sustain.due}</strong>
        ) : (
          t.sustain.next(formatDay(sustaining.nextCheckInOn))
        )}
      </li>
      {m && (
        <li>
          {sustaining.slipThreshold === null
            ? t.sustain.noSlipLine
            : t.sustain.slipLine(formatNumber(sustaining.slipThreshold), m.unit ?? '', m.better)}
        </li>
      )}
    </ul>
  );
}

/**
 * The rhythm and slip line of the sustaining phase, sent as PATCH `sustain` with the goal's
 * ETag; the server's 400 (`sustain.checkInEveryDays`, `sustain.slipThreshold`) lands at the field.
 */
function SustainForm({
  goal,
  etag,
  onDone,
  onCancel,
}: {
  goal: GoalView;
  etag: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const [every, setEvery] = useState(String(goal.sustaining?.checkInEveryDays ?? 7));
  const [slip, setSlip] = useState(
    goal.sustaining?.slipThreshold === null || goal.sustaining === null
      ? ''
      : String(goal.sustaining.slipThreshold),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = patchGoalBody.safeParse({
      sustain: {
        checkInEveryDays: every.trim() === '' ? undefined : Number(every),
        ...(slip.trim() !== '' ? { slipThreshold: Number(slip) } : {}),
      },
    });
    if (!parsed.success) {
      setError(undefined);
      return setErrors(fieldErrors(parsed.error.issues, 'sustain'));
    }
    setBusy(true);
    setErrors({});
    setError(undefined);
    try {
      await patch(queryClient, goal, etag, parsed.data);
      onDone(t.sustain.saved);
    } catch (err) {
      const atFields =
        err instanceof ApiError && err.problem?.errors
          ? fieldErrors(err.problem.errors, 'sustain')
          : {};
      setErrors(atFields);
      // An error the form can place is shown at its field only.
      if (Object.keys(atFields).length === 0)
        setError(err instanceof ApiError && err.status === 412 ? t.sustain.stale : errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const m = goal.measure;
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      <Field label={t.sustain.every} hint={t.sustain.everyHint} error={errors.checkInEveryDays}>
        {(a) => (
          <input
            {...a}
            type="number"
            inputMode="numeric"
            min={2}
            max={60}
            value={every}
            onChange={(e) => setEvery(e.target.value)}
          />
        )}
      </Field>
      {m && (
        <Field
          label={t.sustain.slip(m.unit ? `${m.name} (${m.unit})` : m.name)}
          hint={t.sustain.slipHint(m.better)}
          error={errors.slipThreshold}
        >
          {(a) => (
            <input
              {...a}
              type="number"
              inputMode="decimal"
              value={slip}
              onChange={(e) => setSlip(e.target.value)}
            />
          )}
        </Field>
      )}
      {(error ?? errors['']) && (
        <p className="error-text" role="alert">
          ⚠ {errors[''] ?? error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t.states.saving : goal.sustaining ? t.sustain.update : t.sustain.save}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t.sustain.cancel}
        </button>
      </div>
    </form>
  );
}

async function patch(
  queryClient: ReturnType<typeof useQueryClient>,
  goal: GoalView,
  etag: string,
  body: unknown,
): Promise<void> {
  try {
    const res = await request<GoalView>(`/api/goals/${goal.id}`, {
      method: 'PATCH',
      body,
      ifMatch: etag,
    });
    queryClient.setQueryData(keys.goal(goal.id), {
      goal: res.data,
      etag: res.etag ?? `"${res.data.version}"`,
    });
  } finally {
    void queryClient.invalidateQueries({ queryKey: keys.revisions(goal.id) });
    await refreshGoal(queryClient, { goalId: goal.id, clientId: goal.clientId });
  }
}

/**
 * An achieved goal's sustaining phase: its state for everyone, and for the therapist "Keep it
 * going" (start), change the rhythm, or end it. Reopening the goal ends it too (the server's rule).
 */
export function SustainPanel({
  goal,
  etag,
  timeZone,
}: {
  goal: GoalView;
  etag: string;
  timeZone: string;
}) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'view' | 'form'>('view');
  const [message, setMessage] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const done = (m: string) => {
    setMode('view');
    setMessage(m);
  };
  async function end() {
    setError(undefined);
    try {
      await patch(queryClient, goal, etag, { sustain: null });
      done(t.sustain.ended);
    } catch (err) {
      setError(errorText(err));
    }
  }
  const canEdit = goal.can.edit;
  return (
    <div className="stack">
      {goal.sustaining ? (
        <SustainingState goal={goal} sustaining={goal.sustaining} timeZone={timeZone} />
      ) : (
        <p>{canEdit ? t.sustain.intro : t.sustain.clientNote}</p>
      )}
      <div role="status">{message && <p className="ok-text">✓ {message}</p>}</div>
      {error && (
        <p className="error-text" role="alert">
          ⚠ {error}
        </p>
      )}
      {canEdit &&
        (mode === 'form' ? (
          <SustainForm goal={goal} etag={etag} onDone={done} onCancel={() => setMode('view')} />
        ) : (
          <div className="row">
            <button
              type="button"
              className={goal.sustaining ? 'button' : 'button primary'}
              onClick={() => {
                setMode('form');
                setMessage(undefined);
              }}
            >
              {goal.sustaining ? t.sustain.change : t.sustain.start}
            </button>
            {goal.sustaining && (
              <button type="button" className="button" onClick={() => void end()}>
                {t.sustain.end}
              </button>
            )}
          </div>
        ))}
      {canEdit && goal.sustaining && <p className="muted small">{t.sustain.reopenNote}</p>}
    </div>
  );
}
