import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { attainmentBody } from '../../../../src/contract/gas.ts';
import type { GoalView } from '../../../../src/contract/goals.ts';
import { errorText, send } from '../../api/http.ts';
import { t } from '../../i18n/index.ts';

const levels = ['-2', '-1', '0', '1', '2'] as const;

/** Rate a goal on its five described GAS levels. */
export function GasRating({ goal }: { goal: GoalView }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [level, setLevel] = useState<string | undefined>();
  const rate = useMutation({
    mutationFn: (body: unknown) => send('POST', `/api/goals/${goal.id}/attainment`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['gas', goal.clientId] }),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = attainmentBody.safeParse({ level: Number(level) });
    if (level === undefined || !parsed.success) return;
    rate.mutate(parsed.data);
  }
  if (!goal.gas) return null;
  return (
    <form onSubmit={submit} className="stack">
      <fieldset>
        <legend>{t.session.rate(goal.title)}</legend>
        {levels.map((k) => (
          <label key={k} className="check">
            <input
              type="radio"
              name={`${id}-gas`}
              checked={level === k}
              onChange={() => setLevel(k)}
            />
            <span>
              <strong>{t.goalForm.gasLevel(k)}</strong> — {goal.gas?.levels[k]}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button type="submit" className="button" disabled={level === undefined || rate.isPending}>
          {t.session.saveRating}
        </button>
        <span role="status">
          {rate.isSuccess && <span className="ok-text">✓ {t.session.rated}</span>}
          {rate.error && <span className="error-text">⚠ {errorText(rate.error)}</span>}
        </span>
      </div>
    </form>
  );
}
