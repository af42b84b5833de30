import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import {
  clinicSettingsLimits,
  patchClinicSettingsBody,
  type ClinicSettingsView,
} from '../../../../src/contract/clinic.ts';
import { reminderSettingsBody } from '../../../../src/contract/reminders.ts';
import type { ReminderSettings } from '../../../../src/domain/reminders.ts';
import { ApiError, errorText, send } from '../../api/http.ts';
import { useClinicSettings } from '../../components/crisis-resources.tsx';
import { Field, fieldErrors } from '../../components/field.tsx';
import { ReminderFields } from '../../components/reminder-fields.tsx';
import { QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

/** A whole-number setting with its allowed range as the hint. */
function RangeField(props: {
  label: string;
  limits: { min: number; max: number };
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  const { min, max } = props.limits;
  return (
    <Field label={props.label} hint={t.settings.range(min, max)} error={props.error}>
      {(a) => (
        <input
          {...a}
          type="number"
          min={min}
          max={max}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

function SettingsForm({ settings }: { settings: ClinicSettingsView }) {
  const queryClient = useQueryClient();
  const [crisisText, setCrisisText] = useState(settings.crisisText);
  const [silenceDays, setSilenceDays] = useState(String(settings.silenceDays ?? ''));
  const [escalation, setEscalation] = useState(String(settings.riskEscalationMinutes ?? ''));
  const [staffMfa, setStaffMfa] = useState(settings.mfaRequiredForStaff ?? true);
  const [neitherWorse, setNeitherWorse] = useState(
    settings.pairedImprovementRequiresNoDeterioration ?? true,
  );
  const [breakGlass, setBreakGlass] = useState(String(settings.breakGlassMinutes ?? ''));
  const [digestTime, setDigestTime] = useState(settings.digestTime ?? '');
  const [digestTimeZone, setDigestTimeZone] = useState(settings.digestTimeZone ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: unknown) => send<ClinicSettingsView>('PATCH', '/api/clinic/settings', body),
    onSuccess: (next) => queryClient.setQueryData(['clinic-settings'], next),
    onError: (err) => {
      if (err instanceof ApiError && err.problem?.errors)
        setErrors(fieldErrors(err.problem.errors));
    },
  });
  useEffect(() => setCrisisText(settings.crisisText), [settings.crisisText]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = patchClinicSettingsBody.safeParse({
      crisisText,
      ...(silenceDays ? { silenceDays: Number(silenceDays) } : {}),
      ...(escalation ? { riskEscalationMinutes: Number(escalation) } : {}),
      ...(breakGlass ? { breakGlassMinutes: Number(breakGlass) } : {}),
      ...(digestTime ? { digestTime } : {}),
      ...(digestTimeZone.trim() ? { digestTimeZone: digestTimeZone.trim() } : {}),
      ...(staffMfa !== settings.mfaRequiredForStaff ? { mfaRequiredForStaff: staffMfa } : {}),
      ...(neitherWorse !== settings.pairedImprovementRequiresNoDeterioration
        ? { pairedImprovementRequiresNoDeterioration: neitherWorse }
        : {}),
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    save.mutate(parsed.data);
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate>
      <Field label={t.settings.crisisText} hint={t.settings.crisisHint} error={errors.crisisText}>
        {(a) => (
          <textarea
            {...a}
            rows={6}
            maxLength={clinicSettingsLimits.crisisTextMax}
            value={crisisText}
            onChange={(e) => setCrisisText(e.target.value)}
          />
        )}
      </Field>
      <RangeField
        label={t.settings.silenceDays}
        limits={clinicSettingsLimits.silenceDays}
        error={errors.silenceDays}
        value={silenceDays}
        onChange={setSilenceDays}
      />
      <RangeField
        label={t.settings.escalation}
        limits={clinicSettingsLimits.riskEscalationMinutes}
        error={errors.riskEscalationMinutes}
        value={escalation}
        onChange={setEscalation}
      />
      <RangeField
        label={t.settings.breakGlass}
        limits={clinicSettingsLimits.breakGlassMinutes}
        error={errors.breakGlassMinutes}
        value={breakGlass}
        onChange={setBreakGlass}
      />
      <fieldset className="stack">
        <legend>{t.settings.digestTitle}</legend>
        <p className="muted small">{t.settings.digestHint}</p>
        <div className="row">
          <Field label={t.settings.digestTime} error={errors.digestTime}>
            {(a) => (
              <input
                {...a}
                type="time"
                value={digestTime}
                onChange={(e) => setDigestTime(e.target.value)}
              />
            )}
          </Field>
          <Field label={t.settings.digestTimeZone} error={errors.digestTimeZone}>
            {(a) => (
              <input
                {...a}
                type="text"
                placeholder="America/Toronto"
                value={digestTimeZone}
                onChange={(e) => setDigestTimeZone(e.target.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t.settings.mfaTitle}</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={staffMfa}
            onChange={(e) => setStaffMfa(e.target.checked)}
          />
          {t.settings.mfa}
        </label>
        {!staffMfa && (
          <p className="warn-text small" role="note">
            ⚠ {t.settings.mfaOffWarning}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>{t.settings.pairedTitle}</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={neitherWorse}
            onChange={(e) => setNeitherWorse(e.target.checked)}
            aria-describedby="paired-hint"
          />
          {t.settings.pairedRule}
        </label>
        <p id="paired-hint" className="muted small">
          {t.settings.pairedHint}
        </p>
      </fieldset>
      <div className="row">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t.settings.save}
        </button>
        <span role="status">
          {save.isSuccess && <span className="ok-text">✓ {t.settings.saved}</span>}
          {save.error && <span className="error-text">⚠ {errorText(save.error)}</span>}
        </span>
      </div>
    </form>
  );
}

/** The reminders a client gets until they choose their own. */
function ReminderDefaultsForm({ defaults }: { defaults: ReminderSettings }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState<ReminderSettings>(defaults);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (reminderDefaults: ReminderSettings) =>
      send<ClinicSettingsView>('PATCH', '/api/clinic/settings', { reminderDefaults }),
    onSuccess: (next) => queryClient.setQueryData(['clinic-settings'], next),
    onError: (err) => {
      if (err instanceof ApiError && err.problem?.errors)
        setErrors(fieldErrors(err.problem.errors));
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = reminderSettingsBody.safeParse(value);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    save.mutate(parsed.data);
  }
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="reminder-defaults">
      <h2 id="reminder-defaults">{t.settings.remindersTitle}</h2>
      <p className="muted">{t.settings.remindersIntro}</p>
      <ReminderFields value={value} onChange={setValue} errors={errors} />
      <div className="row">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t.settings.remindersSave}
        </button>
        <span role="status">
          {save.isSuccess && <span className="ok-text">✓ {t.settings.saved}</span>}
          {save.error && <span className="error-text">⚠ {errorText(save.error)}</span>}
        </span>
      </div>
    </form>
  );
}

/**
 * Clinic settings: the crisis resources clients at risk see, silence and escalation rules,
 * break-the-glass time, the therapists' digest, staff sign-in, outcomes, reminder defaults.
 */
export function SettingsPage() {
  usePageTitle(t.settings.title);
  const settings = useClinicSettings();
  return (
    <div className="stack">
      <h1>{t.settings.title}</h1>
      <QueryState query={settings}>
        {(s) => (
          <>
            <SettingsForm settings={s} />
            {s.reminderDefaults && <ReminderDefaultsForm defaults={s.reminderDefaults} />}
          </>
        )}
      </QueryState>
    </div>
  );
}
