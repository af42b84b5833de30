import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  reauthBody,
  type MfaStatus,
  type SessionListItem,
} from '../../../src/contract/security.ts';
import { errorText, get, send } from '../api/http.ts';
import { useUser } from '../api/session.tsx';
import { Field } from '../components/field.tsx';
import { QueryState } from '../components/states.tsx';
import { t } from '../i18n/index.ts';
import { formatDateTime } from '../lib/format.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Change the password: prove it is you (password, and a code when enrolled), then the new one. */
function ChangePassword({ enrolled }: { enrolled: boolean }) {
  const [current, setCurrent] = useState('');
  const [code, setCode] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | undefined>();
  const change = useMutation({
    mutationFn: async (body: { password: string; code?: string }) => {
      await send('POST', '/api/auth/reauth', body);
      await send('POST', '/api/auth/password', { newPassword: next });
    },
    onSuccess: () => {
      setCurrent('');
      setCode('');
      setNext('');
    },
    onError: (err) => setError(errorText(err)),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = reauthBody.safeParse({ password: current, ...(enrolled ? { code } : {}) });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    change.mutate(parsed.data);
  }
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="pw-h">
      <h2 id="pw-h">{t.account.password}</h2>
      <Field label={t.account.current}>
        {(a) => (
          <input
            {...a}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        )}
      </Field>
      {enrolled && (
        <Field label={t.mfa.code}>
          {(a) => (
            <input
              {...a}
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
      )}
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
        {error && <p className="error-text">⚠ {error}</p>}
        {change.isSuccess && <p className="ok-text">✓ {t.account.changed}</p>}
      </div>
      <button type="submit" className="button primary" disabled={change.isPending}>
        {t.account.change}
      </button>
    </form>
  );
}

/** Where this person is signed in, their second step, and their password. */
export function AccountPage() {
  usePageTitle(t.account.title);
  const user = useUser();
  const queryClient = useQueryClient();
  const mfa = useQuery({
    queryKey: ['mfa'],
    queryFn: ({ signal }) => get<MfaStatus>('/api/auth/mfa', signal),
  });
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
    </div>
  );
}
