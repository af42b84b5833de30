import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PracticeView } from '../../../src/contract/goals.ts';
import { errorText, send } from '../api/http.ts';
import { refreshGoal } from '../api/queries.ts';
import { t } from '../i18n/index.ts';
import { formatPercent } from '../lib/format.ts';
import { describeSchedule } from '../lib/schedule.ts';

/** A practice with one-tap done for today, its streak and how often it is done. */
export function PracticeRow({
  practice,
  clientId,
  today,
}: {
  practice: PracticeView;
  clientId: string;
  today: string;
}) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (done: boolean) =>
      send<PracticeView>('PUT', `/api/practices/${practice.id}/completions/${today}`, { done }),
    onSuccess: () => {
      void refreshGoal(queryClient, { goalId: practice.goalId, clientId });
    },
  });
  const done = toggle.isPending ? toggle.variables : practice.doneToday;
  return (
    <li className="practice">
      <div className="practice-text">
        <strong>{practice.title}</strong>
        <span className="muted small">
          {describeSchedule(practice.schedule)}
          {practice.minutes ? ` · ${t.practice.minutes(practice.minutes)}` : ''}
          {practice.streak.current > 0 ? ` · ${t.today.streak(practice.streak.current)}` : ''}
        </span>
        {practice.adherence28 !== null && (
          <span className="muted small">
            {t.practice.adherence(formatPercent(practice.adherence28))}
          </span>
        )}
        {toggle.error && (
          <span className="error-text small" role="alert">
            {errorText(toggle.error)}
          </span>
        )}
      </div>
      <button
        type="button"
        className="button"
        aria-pressed={done}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(!done)}
      >
        {done ? `✓ ${t.today.done}` : t.today.markDoneShort}
        <span className="visually-hidden">: {practice.title}</span>
      </button>
    </li>
  );
}
