import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { GoalView } from '../../../../src/contract/goals.ts';
import { errorText, send } from '../../api/http.ts';
import { Field } from '../../components/field.tsx';
import { keys } from '../../api/queries.ts';
import { t } from '../../i18n/index.ts';
import { formatDay } from '../../lib/format.ts';
import { describeSchedule } from '../../lib/schedule.ts';
import { AddPracticeForm, AddStepForm, type PracticeDraft, type StepDraft } from './plan-items.tsx';

/** Steps and practices of a saved goal: add, remove, pause, each saved at once. */
export function PlanEditor({ goal }: { goal: GoalView }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const withReason = <T extends object>(body: T) =>
    reason.trim() ? { ...body, reason: reason.trim() } : body;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: keys.goal(goal.id) });
    void queryClient.invalidateQueries({ queryKey: keys.revisions(goal.id) });
  };
  const addStep = useMutation({
    mutationFn: (s: StepDraft) => send('POST', `/api/goals/${goal.id}/steps`, s),
    onSuccess: refresh,
  });
  const addPractice = useMutation({
    mutationFn: (p: PracticeDraft) => send('POST', `/api/goals/${goal.id}/practices`, p),
    onSuccess: refresh,
  });
  const removeStep = useMutation({
    mutationFn: (id: string) => send('PATCH', `/api/steps/${id}`, withReason({ removed: true })),
    onSuccess: refresh,
  });
  const setPractice = useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'active' | 'paused' | 'ended' }) =>
      send('PATCH', `/api/practices/${id}`, withReason({ status })),
    onSuccess: refresh,
  });
  const failure = addStep.error ?? addPractice.error ?? removeStep.error ?? setPractice.error;

  return (
    <section className="card stack" aria-labelledby="plan-edit-h">
      <h2 id="plan-edit-h">{t.plan.title}</h2>
      <Field label={t.plan.reason} hint={t.plan.reasonHint}>
        {(a) => (
          <input
            {...a}
            type="text"
            value={reason}
            maxLength={2000}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <h3>{t.plan.steps}</h3>
      <ul className="plain-list">
        {goal.steps.map((s) => (
          <li key={s.id} className="spread">
            <span>
              {s.done ? '✓ ' : ''}
              {s.title}
              {s.dueDate && (
                <span className="muted small"> · {t.today.due(formatDay(s.dueDate))}</span>
              )}
            </span>
            <button type="button" className="button link" onClick={() => removeStep.mutate(s.id)}>
              {t.plan.removeNamed(s.title)}
            </button>
          </li>
        ))}
      </ul>
      <AddStepForm
        onAdd={(s) => addStep.mutateAsync(s).then(() => undefined)}
        busy={addStep.isPending}
      />
      <h3>{t.plan.practices}</h3>
      <ul className="plain-list">
        {goal.practices.map((p) => (
          <li key={p.id} className="spread">
            <span>
              {t.plan.practiceItem(p.title, describeSchedule(p.schedule))}{' '}
              <span className="badge badge-plain">{t.plan.practiceStatus[p.status]}</span>
            </span>
            {p.status !== 'ended' && (
              <span className="row">
                <button
                  type="button"
                  className="button link"
                  onClick={() =>
                    setPractice.mutate({
                      id: p.id,
                      status: p.status === 'active' ? 'paused' : 'active',
                    })
                  }
                >
                  {p.status === 'active' ? t.plan.pause : t.plan.resume}
                </button>
                <button
                  type="button"
                  className="button link"
                  onClick={() => setPractice.mutate({ id: p.id, status: 'ended' })}
                >
                  {t.plan.end}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      <AddPracticeForm
        onAdd={(p) => addPractice.mutateAsync(p).then(() => undefined)}
        busy={addPractice.isPending}
      />
      {failure && (
        <p className="error-text" role="alert">
          ⚠ {errorText(failure)}
        </p>
      )}
    </section>
  );
}
