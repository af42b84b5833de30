import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  scheduleBody,
  type DueView,
  type ScheduleKind,
} from '../../../../src/contract/questionnaires.ts';
import { errorText, get, send } from '../../api/http.ts';
import { Field } from '../../components/field.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { formatDay } from '../../lib/format.ts';
import { t } from '../../i18n/index.ts';

/** Ask the client for a PHQ-9 or GAD-7 every N days, or before each session; and what is set. */
export function ScheduleForm({ clientId }: { clientId: string }) {
  const queryClient = useQueryClient();
  const [instrument, setInstrument] = useState<'phq9' | 'gad7'>('phq9');
  const [kind, setKind] = useState<ScheduleKind>('every');
  const [days, setDays] = useState('14');
  const [problem, setProblem] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (body: unknown) =>
      send('PUT', `/api/clients/${clientId}/questionnaire-schedules/${instrument}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['questionnaires-due', clientId] }),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const n = Number(days);
    const parsed = scheduleBody.safeParse(
      kind === 'every'
        ? { kind, everyDays: n, active: true }
        : { kind, daysBefore: n, active: true },
    );
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message);
    setProblem(undefined);
    save.mutate(parsed.data);
  }
  function chooseKind(next: ScheduleKind) {
    setKind(next);
    setDays(next === 'every' ? '14' : '3');
  }
  return (
    <>
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
        <Field label={t.schedule.kind}>
          {(a) => (
            <select
              {...a}
              value={kind}
              onChange={(e) => chooseKind(e.target.value as ScheduleKind)}
            >
              <option value="every">{t.schedule.kinds.every}</option>
              <option value="before-session">{t.schedule.kinds['before-session']}</option>
            </select>
          )}
        </Field>
        <Field
          label={kind === 'every' ? t.schedule.everyDays : t.schedule.daysBefore}
          error={problem ?? (save.error ? errorText(save.error) : undefined)}
        >
          {(a) => (
            <input
              {...a}
              type="number"
              min={kind === 'every' ? 1 : 0}
              max={kind === 'every' ? 365 : 14}
              value={days}
              onChange={(e) => setDays(e.target.value)}
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
      <CurrentSchedules clientId={clientId} />
    </>
  );
}

function CurrentSchedules({ clientId }: { clientId: string }) {
  const due = useQuery({
    queryKey: ['questionnaires-due', clientId],
    queryFn: ({ signal }) => get<DueView>(`/api/clients/${clientId}/questionnaires/due`, signal),
  });
  return (
    <QueryState query={due}>
      {(d) =>
        d.schedules.length === 0 ? (
          <Empty>{t.schedule.none}</Empty>
        ) : (
          <ul className="plain-list" aria-label={t.schedule.current}>
            {d.schedules.map((s) => (
              <li key={s.instrument}>
                {s.instrument === 'phq9' ? 'PHQ-9' : 'GAD-7'}:{' '}
                {s.kind === 'every'
                  ? t.schedule.everyRule(s.everyDays ?? 0)
                  : t.schedule.beforeRule(s.daysBefore ?? 0)}
                {' — '}
                {!s.active
                  ? t.schedule.paused
                  : s.dueOn === null
                    ? t.schedule.noSession
                    : t.schedule.next(
                        formatDay(s.dueOn),
                        s.sessionDate && formatDay(s.sessionDate),
                      )}
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}
