import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import {
  reminderSettingsBody,
  type ReminderSettingsView,
} from '../../../../src/contract/reminders.ts';
import type { ReminderRule, ReminderSettings } from '../../../../src/domain/reminders.ts';
import { ApiError, errorText, get, send } from '../../api/http.ts';
import { useUser } from '../../api/session.tsx';
import { fieldErrors } from '../../components/field.tsx';
import { QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

type RuleKey = 'checkIn' | 'practices' | 'steps' | 'questionnaires';
const ruleKeys: RuleKey[] = ['checkIn', 'practices', 'steps', 'questionnaires'];

function RuleRow({
  label,
  rule,
  onChange,
  children,
}: {
  label: string;
  rule: ReminderRule;
  onChange: (r: ReminderRule) => void;
  children?: ReactNode;
}) {
  return (
    <fieldset className="stack">
      <legend>{label}</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={rule.enabled}
          onChange={(e) => onChange({ ...rule, enabled: e.target.checked })}
        />
        {t.reminders.on}
      </label>
      {children}
      <label className="field">
        <span>{t.reminders.at}</span>
        <input
          type="time"
          value={rule.time}
          disabled={!rule.enabled}
          onChange={(e) => onChange({ ...rule, time: e.target.value })}
        />
      </label>
    </fieldset>
  );
}

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
  const errorList = Object.values(errors);
  return (
    <form className="card stack" onSubmit={submit} noValidate>
      {view.source === 'clinic' && <p className="muted">{t.reminders.fromClinic}</p>}
      <p className="muted small">{t.reminders.timeZone(view.timeZone)}</p>
      <fieldset className="stack">
        <legend>{t.reminders.channels}</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={s.channels.inApp}
            onChange={(e) => setS({ ...s, channels: { ...s.channels, inApp: e.target.checked } })}
          />
          {t.reminders.inApp}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={s.channels.email}
            onChange={(e) => setS({ ...s, channels: { ...s.channels, email: e.target.checked } })}
          />
          {t.reminders.email}
        </label>
      </fieldset>
      {ruleKeys.map((k) => (
        <RuleRow
          key={k}
          label={t.reminders[k]}
          rule={s[k]}
          onChange={(rule) => setS({ ...s, [k]: rule })}
        />
      ))}
      <RuleRow
        label={t.reminders.weeklySummary}
        rule={s.weeklySummary}
        onChange={(rule) => setS({ ...s, weeklySummary: { ...s.weeklySummary, ...rule } })}
      >
        <label className="field">
          <span>{t.reminders.weekday}</span>
          <select
            value={s.weeklySummary.weekday}
            disabled={!s.weeklySummary.enabled}
            onChange={(e) =>
              setS({ ...s, weeklySummary: { ...s.weeklySummary, weekday: Number(e.target.value) } })
            }
          >
            {t.reminders.days.map((d, i) => (
              <option key={d} value={i}>
                {d}
              </option>
            ))}
          </select>
        </label>
      </RuleRow>
      <fieldset className="stack">
        <legend>{t.reminders.quiet}</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={s.quietHours !== null}
            onChange={(e) =>
              setS({
                ...s,
                quietHours: e.target.checked ? { start: '21:30', end: '08:00' } : null,
              })
            }
          />
          {t.reminders.quietOn}
        </label>
        {s.quietHours && (
          <div className="row">
            <label className="field">
              <span>{t.reminders.quietFrom}</span>
              <input
                type="time"
                value={s.quietHours.start}
                onChange={(e) =>
                  setS({ ...s, quietHours: { ...s.quietHours!, start: e.target.value } })
                }
              />
            </label>
            <label className="field">
              <span>{t.reminders.quietTo}</span>
              <input
                type="time"
                value={s.quietHours.end}
                onChange={(e) =>
                  setS({ ...s, quietHours: { ...s.quietHours!, end: e.target.value } })
                }
              />
            </label>
          </div>
        )}
      </fieldset>
      {errorList.length > 0 && (
        <ul className="error-text" role="alert">
          {errorList.map((m) => (
            <li key={m}>⚠ {m}</li>
          ))}
        </ul>
      )}
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
