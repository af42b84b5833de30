import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  newUserBody,
  type OneTimeLink,
  type UserListItem,
} from '../../../../src/contract/security.ts';
import { ApiError, errorText, send } from '../../api/http.ts';
import { Field, fieldErrors } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';

type Role = 'admin' | 'therapist' | 'client';

/** Invite a staff member or a client: the server answers with a one-time link to hand over. */
export function InviteForm({
  therapists,
  onLink,
}: {
  therapists: UserListItem[];
  onLink: (link: OneTimeLink, name: string) => void;
}) {
  const [role, setRole] = useState<Role>('therapist');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [therapistId, setTherapistId] = useState('');
  const [location, setLocation] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = newUserBody.safeParse({
      role,
      name,
      email,
      ...(role === 'client' && therapistId ? { therapistId } : {}),
      ...(location.trim() ? { location } : {}),
      ...(role === 'client' && timeZone.trim() ? { timeZone } : {}),
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    setError(undefined);
    try {
      onLink(await send<OneTimeLink>('POST', '/api/users', parsed.data), name);
      setName('');
      setEmail('');
    } catch (err) {
      if (err instanceof ApiError && err.problem?.errors)
        setErrors(fieldErrors(err.problem.errors));
      setError(errorText(err));
    }
  }

  return (
    <form
      className="card stack"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="invite-h"
    >
      <h2 id="invite-h">{t.users.invite}</h2>
      <div className="grid-3">
        <Field label={t.users.role} error={errors.role}>
          {(a) => (
            <select {...a} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {(['therapist', 'client', 'admin'] as const).map((r) => (
                <option key={r} value={r}>
                  {t.users.roles[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.users.name} error={errors.name}>
          {(a) => (
            <input {...a} type="text" value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label={t.users.email} error={errors.email}>
          {(a) => (
            <input {...a} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
      </div>
      <div className="grid-3">
        {role === 'client' && (
          <Field label={t.users.therapist} error={errors.therapistId}>
            {(a) => (
              <select {...a} value={therapistId} onChange={(e) => setTherapistId(e.target.value)}>
                <option value="">{t.users.noTherapist}</option>
                {therapists.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t.users.location} error={errors.location}>
          {(a) => (
            <input
              {...a}
              type="text"
              value={location}
              onChange={(e) => setLocation(e.target.value)}
            />
          )}
        </Field>
        {role === 'client' && (
          <Field label={t.users.timeZone} error={errors.timeZone}>
            {(a) => (
              <input
                {...a}
                type="text"
                placeholder="America/Toronto"
                value={timeZone}
                onChange={(e) => setTimeZone(e.target.value)}
              />
            )}
          </Field>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert">
          ⚠ {error}
        </p>
      )}
      <button type="submit" className="button primary">
        {t.users.send}
      </button>
    </form>
  );
}
