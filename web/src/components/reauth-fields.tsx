import { useQuery } from '@tanstack/react-query';
import { reauthBody, type MfaStatus } from '../../../src/contract/security.ts';
import { get, InputError, send } from '../api/http.ts';
import { t } from '../i18n/index.ts';
import { Field } from './field.tsx';

export interface ReauthValue {
  password: string;
  code: string;
}

export const emptyReauth: ReauthValue = { password: '', code: '' };

/** Whether this person has an authenticator, so re-authentication asks for its code too. */
export function useMfaStatus() {
  return useQuery({
    queryKey: ['mfa'],
    queryFn: ({ signal }) => get<MfaStatus>('/api/auth/mfa', signal),
  });
}

/** Check the fields, then prove it is you (POST /api/auth/reauth); throws the first problem. */
export async function reauthenticate(value: ReauthValue, enrolled: boolean): Promise<void> {
  const parsed = reauthBody.safeParse({
    password: value.password,
    ...(enrolled ? { code: value.code } : {}),
  });
  if (!parsed.success) throw new InputError(parsed.error.issues[0]?.message ?? '');
  await send('POST', '/api/auth/reauth', parsed.data);
}

/** Password (and the authenticator code when enrolled): what a sensitive change asks for first. */
export function ReauthFields({
  value,
  onChange,
  enrolled,
  passwordLabel = t.reauth.password,
}: {
  value: ReauthValue;
  onChange: (v: ReauthValue) => void;
  enrolled: boolean;
  passwordLabel?: string;
}) {
  return (
    <>
      <Field label={passwordLabel}>
        {(a) => (
          <input
            {...a}
            type="password"
            autoComplete="current-password"
            value={value.password}
            onChange={(e) => onChange({ ...value, password: e.target.value })}
          />
        )}
      </Field>
      {enrolled && (
        <Field label={t.reauth.code}>
          {(a) => (
            <input
              {...a}
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={value.code}
              onChange={(e) => onChange({ ...value, code: e.target.value })}
            />
          )}
        </Field>
      )}
    </>
  );
}
