import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { tokenPasswordBody } from '../../../src/contract/security.ts';
import { errorText, request } from '../api/http.ts';
import { Field } from '../components/field.tsx';
import { t } from '../i18n/index.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

/**
 * The page an invitation (/welcome#token=…) or a password reset (/reset#token=…) opens: the
 * token stays in the fragment, so it never reaches a server log or a Referer.
 */
export function SetPasswordPage({ purpose }: { purpose: 'invite' | 'reset' }) {
  const title = purpose === 'invite' ? t.setPassword.welcome : t.setPassword.reset;
  usePageTitle(title);
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = tokenPasswordBody.safeParse({ token, password });
    if (!parsed.success)
      return setError(token ? parsed.error.issues[0]?.message : t.setPassword.noToken);
    setBusy(true);
    try {
      await request(purpose === 'invite' ? '/api/auth/accept-invite' : '/api/auth/reset', {
        method: 'POST',
        body: parsed.data,
        quiet401: true,
      });
      setDone(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <h1>
        <img src="/favicon.svg" alt="" width="32" height="32" /> {t.app.name}
      </h1>
      {done ? (
        <div className="card stack" role="status">
          <h2>{t.setPassword.done}</h2>
          <Link to="/login" className="button primary">
            {t.login.submit}
          </Link>
        </div>
      ) : (
        <form className="card stack" onSubmit={(e) => void submit(e)} noValidate>
          <h2>{title}</h2>
          <p>{t.setPassword.intro}</p>
          <Field label={t.setPassword.password} hint={t.setPassword.hint} error={error}>
            {(a) => (
              <input
                {...a}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button primary" disabled={busy}>
            {t.setPassword.save}
          </button>
        </form>
      )}
    </main>
  );
}
