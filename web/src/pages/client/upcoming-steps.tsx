import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { GoalView, StepView } from '../../../../src/contract/goals.ts';
import { errorText, send } from '../../api/http.ts';
import { refreshGoal } from '../../api/queries.ts';
import { Empty } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { daysBetween, formatDay } from '../../lib/format.ts';

/** Steps not yet done that are due within a week (or overdue), with a tick box each. */
export function UpcomingSteps({
  goals,
  today,
  clientId,
}: {
  goals: GoalView[];
  today: string;
  clientId: string;
}) {
  const steps = goals
    .flatMap((g) => g.steps.map((s) => ({ s, goal: g })))
    .filter(({ s }) => !s.done && s.dueDate !== null && daysBetween(today, s.dueDate) <= 7)
    .sort((a, b) => (a.s.dueDate ?? '').localeCompare(b.s.dueDate ?? ''));
  return (
    <section aria-labelledby="steps-h" className="card">
      <h2 id="steps-h">{t.today.steps}</h2>
      {steps.length === 0 ? (
        <Empty>{t.today.noSteps}</Empty>
      ) : (
        <ul className="plain-list">
          {steps.map(({ s, goal }) => (
            <StepTick
              key={s.id}
              step={s}
              goalTitle={goal.title}
              today={today}
              clientId={clientId}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

export function StepTick({
  step,
  goalTitle,
  today,
  clientId,
}: {
  step: StepView;
  goalTitle?: string;
  today?: string;
  clientId: string;
}) {
  const queryClient = useQueryClient();
  const tick = useMutation({
    mutationFn: (done: boolean) => send<StepView>('PATCH', `/api/steps/${step.id}`, { done }),
    onSuccess: () => {
      void refreshGoal(queryClient, { goalId: step.goalId, clientId });
    },
  });
  const done = tick.isPending ? Boolean(tick.variables) : step.done;
  const overdue = today && step.dueDate && !done && step.dueDate < today;
  return (
    <li className="step">
      <label className="check">
        <input
          type="checkbox"
          checked={done}
          disabled={tick.isPending}
          onChange={(e) => tick.mutate(e.target.checked)}
        />
        <span className={done ? 'done-text' : ''}>{step.title}</span>
      </label>
      <span className="muted small">
        {goalTitle && `${t.today.forGoal(goalTitle)} · `}
        {step.dueDate &&
          (overdue ? <strong className="error-text">{t.today.overdue} · </strong> : null)}
        {step.dueDate && t.today.due(formatDay(step.dueDate))}
      </span>
      {tick.error && (
        <span className="error-text small" role="alert">
          {errorText(tick.error)}
        </span>
      )}
    </li>
  );
}
