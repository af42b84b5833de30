import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SessionListItem } from '../../../src/contract/security.ts';
import { errorText, get, send } from '../api/http.ts';
import { useUser } from '../api/session.tsx';
import { Field } from '../components/field.tsx';
import {
  emptyReauth,
  reauthenticate,
  ReauthFields,
  useMfaStatus,
  type ReauthValue,
} from '../components/reauth-fields.tsx';
import { QueryState } from '../components/states.tsx';
import { t } from '../i18n/index.ts';
import { formatDateTime } from '../lib/format.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Change the password: prove it is you (password, and a code when enrolled), then the new one. */
function ChangePassword({ enrolled }: { enrolled: boolean }) {
  const [proof, setProof] = useState<ReauthValue>(emptyReauth);
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: async () => {
      await reauthenticate(proof, enrolled);
      await send('POST', '/api/auth/password', { newPassword: next });
    },
    onSuccess: () => {
      setProof(emptyReauth);
      setNext('');
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    change.mutate();
  }
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="pw-h">
      <h2 id="pw-h">{t.account.password}</h2>
      <ReauthFields
        value={proof}
        onChange={setProof}
        enrolled={enrolled}
        passwordLabel={t.account.current}
      />
      <Field label={t.setPassword.password} hint={t.setPassword.hint}>
        {(a) => (
          <input
            {...a}
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        )}
      </Field>
      <div role="status">
        {change.error && <p className="error-text">⚠ {errorText(change.error)}</p>}
        {change.isSuccess && <p className="ok-text">✓ {t.account.changed}</p>}
      </div>
      <button type="submit" className="button primary" disabled={change.isPending}>
        {t.account.change}
      </button>
    </form>
  );
}

/** Change the sign-in e-mail: like the password, only after proving it is you. */
function ChangeEmail({ enrolled }: { enrolled: boolean }) {
  const [proof, setProof] = useState<ReauthValue>(emptyReauth);
  const [email, setEmail] = useState('');
  const change = useMutation({
    mutationFn: async () => {
      await reauthenticate(proof, enrolled);
      return send<{ email: string }>('POST', '/api/auth/email', { email });
    },
    onSuccess: () => {
      setProof(emptyReauth);
      setEmail('');
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    change.mutate();
  }
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="email-h">
      <h2 id="email-h">{t.account.email}</h2>
      <Field label={t.account.newEmail}>
        {(a) => (
          <input
            {...a}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </Field>
      <ReauthFields value={proof} onChange={setProof} enrolled={enrolled} />
      <div role="status">
        {change.error && <p className="error-text">⚠ {errorText(change.error)}</p>}
        {change.data && <p className="ok-text">✓ {t.account.emailChanged(change.data.email)}</p>}
      </div>
      <button type="submit" className="button primary" disabled={change.isPending}>
        {t.account.changeEmail}
      </button>
    </form>
  );
}

/** Where this person is signed in, their second step, and their password. */
export function AccountPage() {
  usePageTitle(t.account.title);
  const user = useUser();
  const queryClient = useQueryClient();
  const mfa = useMfaStatus();
  const sessions = useQuery({
    queryKey: ['my-sessions'],
    queryFn: ({ signal }) => get<{ sessions: SessionListItem[] }>('/api/auth/sessions', signal),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => send('POST', `/api/auth/sessions/${id}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['my-sessions'] }),
  });
  return (
    <div className="stack">
      <h1>{t.account.title}</h1>
      <p className="muted">{user.name}</p>
      {user.role !== 'client' && (
        <QueryState query={mfa}>
          {(m) => <p>{m.enrolled ? `✓ ${t.account.mfaOn}` : t.account.mfaOff}</p>}
        </QueryState>
      )}
      <section className="card" aria-labelledby="sessions-h">
        <h2 id="sessions-h">{t.account.sessions}</h2>
        <QueryState query={sessions}>
          {(d) => (
            <ul className="plain-list">
              {d.sessions.map((s) => (
                <li key={s.id} className="spread">
                  <span>
                    {t.account.since(formatDateTime(s.createdAt, zone))} ·{' '}
                    {t.account.lastSeen(formatDateTime(s.lastSeenAt, zone))}
                    {s.ip ? ` · ${s.ip}` : ''}
                    {s.current && <strong> · {t.account.thisDevice}</strong>}
                  </span>
                  {!s.current && (
                    <button
                      type="button"
                      className="button link"
                      onClick={() => revoke.mutate(s.id)}
                    >
                      {t.account.revoke}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
        {revoke.error && <p className="error-text">⚠ {errorText(revoke.error)}</p>}
      </section>
      <ChangePassword enrolled={mfa.data?.enrolled ?? false} />
      <ChangeEmail enrolled={mfa.data?.enrolled ?? false} />
    </div>
  );
}
