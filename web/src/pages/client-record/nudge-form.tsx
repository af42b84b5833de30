import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { GoalView } from '../../../../src/contract/goals.ts';
import { nudgeBody, type NudgeResult } from '../../../../src/contract/nudges.ts';
import { errorText, send } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { Field, fieldErrors } from '../../components/field.tsx';
import { Empty } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';

/** The therapist's nudge: a short note about one goal, kept in that goal's conversation. */
export function NudgeForm({ goals }: { goals: readonly GoalView[] }) {
  const queryClient = useQueryClient();
  const [goalId, setGoalId] = useState(goals[0]?.id ?? '');
  const [message, setMessage] = useState('');
  const [email, setEmail] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const messageRef = useRef<HTMLTextAreaElement>(null);
  // Opened from the caseload's "Nudge" link: straight to the message.
  useEffect(() => {
    if (window.location.hash === '#nudge') messageRef.current?.focus();
  }, []);
  const nudge = useMutation({
    mutationFn: (body: unknown) => send<NudgeResult>('POST', `/api/goals/${goalId}/nudges`, body),
    onSuccess: async () => {
      setMessage('');
      await queryClient.invalidateQueries({ queryKey: keys.comments(goalId) });
    },
  });
  if (goals.length === 0) return <Empty>{t.nudge.noGoals}</Empty>;
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = nudgeBody.safeParse({ message, email });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    nudge.mutate(parsed.data);
  }
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p className="muted small">{t.nudge.hint}</p>
      <Field label={t.nudge.goal}>
        {(a) => (
          <select {...a} value={goalId} onChange={(e) => setGoalId(e.target.value)}>
            {goals.map((g) => (
              <option key={g.id} value={g.id}>
                {g.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t.nudge.message} error={errors.message}>
        {(a) => (
          <textarea
            {...a}
            ref={messageRef}
            rows={2}
            maxLength={500}
            placeholder={t.nudge.placeholder}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
        )}
      </Field>
      <label className="check">
        <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} />
        {t.nudge.email}
      </label>
      <div className="row">
        <button type="submit" className="button primary" disabled={nudge.isPending}>
          {t.nudge.send}
        </button>
        <span role="status">
          {nudge.isSuccess && <span className="ok-text">✓ {t.nudge.sent}</span>}
          {nudge.error && <span className="error-text">⚠ {errorText(nudge.error)}</span>}
        </span>
      </div>
    </form>
  );
}
