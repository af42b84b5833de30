import type { ReactNode } from 'react';
import type { ReminderRule, ReminderSettings } from '../../../src/domain/reminders.ts';
import { t } from '../i18n/index.ts';

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

/**
 * What a person is reminded of, when, how, and the quiet hours: the client's own choices, and
 * the clinic's defaults for clients who have not chosen.
 */
export function ReminderFields({
  value: s,
  onChange: setS,
  errors,
}: {
  value: ReminderSettings;
  onChange: (next: ReminderSettings) => void;
  /** what the server or the form refused, by field */
  errors: Record<string, string>;
}) {
  const errorList = Object.values(errors);
  return (
    <>
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
    </>
  );
}
