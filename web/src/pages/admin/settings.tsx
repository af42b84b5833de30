import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import {
  clinicSettingsLimits,
  patchClinicSettingsBody,
  type ClinicSettingsView,
} from '../../../../src/contract/clinic.ts';
import { ApiError, errorText, send } from '../../api/http.ts';
import { useClinicSettings } from '../../components/crisis-resources.tsx';
import { Field, fieldErrors } from '../../components/field.tsx';
import { QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

function SettingsForm({ settings }: { settings: ClinicSettingsView }) {
  const queryClient = useQueryClient();
  const [crisisText, setCrisisText] = useState(settings.crisisText);
  const [silenceDays, setSilenceDays] = useState(String(settings.silenceDays ?? ''));
  const [escalation, setEscalation] = useState(String(settings.riskEscalationMinutes ?? ''));
  const [staffMfa, setStaffMfa] = useState(settings.mfaRequiredForStaff ?? true);
  const [neitherWorse, setNeitherWorse] = useState(
    settings.pairedImprovementRequiresNoDeterioration ?? true,
  );
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
      ...(staffMfa !== settings.mfaRequiredForStaff ? { mfaRequiredForStaff: staffMfa } : {}),
      ...(neitherWorse !== settings.pairedImprovementRequiresNoDeterioration
        ? { pairedImprovementRequiresNoDeterioration: neitherWorse }
        : {}),
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    save.mutate(parsed.data);
  }

  const { silenceDays: sd, riskEscalationMinutes: re } = clinicSettingsLimits;
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
      <Field
        label={t.settings.silenceDays}
        hint={t.settings.range(sd.min, sd.max)}
        error={errors.silenceDays}
      >
        {(a) => (
          <input
            {...a}
            type="number"
            min={sd.min}
            max={sd.max}
            value={silenceDays}
            onChange={(e) => setSilenceDays(e.target.value)}
          />
        )}
      </Field>
      <Field
        label={t.settings.escalation}
        hint={t.settings.range(re.min, re.max)}
        error={errors.riskEscalationMinutes}
      >
        {(a) => (
          <input
            {...a}
            type="number"
            min={re.min}
            max={re.max}
            value={escalation}
            onChange={(e) => setEscalation(e.target.value)}
          />
        )}
      </Field>
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

/** Clinic settings: the crisis resources clients at risk see, silence and escalation rules. */
export function SettingsPage() {
  usePageTitle(t.settings.title);
  const settings = useClinicSettings();
  return (
    <div className="stack">
      <h1>{t.settings.title}</h1>
      <QueryState query={settings}>{(s) => <SettingsForm settings={s} />}</QueryState>
    </div>
  );
}
