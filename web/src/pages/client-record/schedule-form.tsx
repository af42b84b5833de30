import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { scheduleBody } from '../../../../src/contract/questionnaires.ts';
import { errorText, send } from '../../api/http.ts';
import { Field } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';

/** Ask the client for a PHQ-9 or GAD-7 every N days. */
export function ScheduleForm({ clientId }: { clientId: string }) {
  const queryClient = useQueryClient();
  const [instrument, setInstrument] = useState<'phq9' | 'gad7'>('phq9');
  const [every, setEvery] = useState('14');
  const [problem, setProblem] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (body: unknown) =>
      send('PUT', `/api/clients/${clientId}/questionnaire-schedules/${instrument}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['questionnaires-due', clientId] }),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = scheduleBody.safeParse({ everyDays: Number(every), active: true });
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message);
    setProblem(undefined);
    save.mutate(parsed.data);
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={t.schedule.title}>
      <Field label={t.schedule.instrument}>
        {(a) => (
          <select
            {...a}
            value={instrument}
            onChange={(e) => setInstrument(e.target.value as 'phq9' | 'gad7')}
          >
            <option value="phq9">PHQ-9</option>
            <option value="gad7">GAD-7</option>
          </select>
        )}
      </Field>
      <Field
        label={t.schedule.everyDays}
        error={problem ?? (save.error ? errorText(save.error) : undefined)}
      >
        {(a) => (
          <input
            {...a}
            type="number"
            min={1}
            max={365}
            value={every}
            onChange={(e) => setEvery(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={save.isPending}>
        {t.schedule.save}
      </button>
      <span role="status">
        {save.isSuccess && <span className="ok-text">✓ {t.schedule.saved}</span>}
      </span>
    </form>
  );
}
