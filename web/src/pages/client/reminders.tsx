import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  reminderSettingsBody,
  type ReminderSettingsView,
} from '../../../../src/contract/reminders.ts';
import type { ReminderSettings } from '../../../../src/domain/reminders.ts';
import { ApiError, errorText, get, send } from '../../api/http.ts';
import { useUser } from '../../api/session.tsx';
import { fieldErrors } from '../../components/field.tsx';
import { ReminderFields } from '../../components/reminder-fields.tsx';
import { QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

function RemindersForm({ view, clientId }: { view: ReminderSettingsView; clientId: string }) {
  const queryClient = useQueryClient();
  const [s, setS] = useState<ReminderSettings>(view.settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: ReminderSettings) =>
      send<ReminderSettingsView>('PUT', `/api/clients/${clientId}/reminders`, body),
    onSuccess: (next) => queryClient.setQueryData(['reminders', clientId], next),
    onError: (err) => {
      if (err instanceof ApiError && err.problem?.errors)
        setErrors(fieldErrors(err.problem.errors));
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = reminderSettingsBody.safeParse(s);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    save.mutate(parsed.data);
  }
  return (
    <form className="card stack" onSubmit={submit} noValidate>
      {view.source === 'clinic' && <p className="muted">{t.reminders.fromClinic}</p>}
      <p className="muted small">{t.reminders.timeZone(view.timeZone)}</p>
      <ReminderFields value={s} onChange={setS} errors={errors} />
      <div className="row">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t.reminders.save}
        </button>
        <span role="status">
          {save.isSuccess && <span className="ok-text">✓ {t.reminders.saved}</span>}
          {save.error && <span className="error-text">⚠ {errorText(save.error)}</span>}
        </span>
      </div>
    </form>
  );
}

/** The client chooses what they are reminded of, when, how, and their quiet hours. */
export function RemindersPage() {
  usePageTitle(t.reminders.title);
  const clientId = useUser().clientId ?? '';
  const settings = useQuery({
    queryKey: ['reminders', clientId],
    queryFn: ({ signal }) =>
      get<ReminderSettingsView>(`/api/clients/${clientId}/reminders`, signal),
    enabled: Boolean(clientId),
  });
  return (
    <div className="stack">
      <h1>{t.reminders.title}</h1>
      <p>{t.reminders.intro}</p>
      <QueryState query={settings}>
        {(v) => <RemindersForm view={v} clientId={clientId} />}
      </QueryState>
    </div>
  );
}
