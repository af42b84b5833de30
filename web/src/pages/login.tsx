import { useState } from 'react';
import type { FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { loginBody } from '../../../src/contract/auth.ts';
import { ApiError, errorText } from '../api/http.ts';
import { useSession } from '../api/session.tsx';
import { t } from '../i18n/index.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

export function LoginPage({ expired }: { expired: boolean }) {
  usePageTitle(t.login.title);
  const { login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = loginBody.safeParse({
      email: form.get('email'),
      password: form.get('password'),
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? t.login.failed);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await login(parsed.data);
      const from = (location.state as { from?: string } | null)?.from;
      await navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t.login.wrong : errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <h1>
        <img src="/favicon.svg" alt="" width="32" height="32" /> {t.app.name}
      </h1>
      <p className="lede">{t.app.tagline}</p>
      {expired && (
        <p className="notice" role="status">
          {t.login.expired}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate className="card stack">
        <h2>{t.login.title}</h2>
        <label className="field">
          <span>{t.login.email}</span>
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label className="field">
          <span>{t.login.password}</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p className="error-text" role="alert">
            <span aria-hidden="true">⚠ </span>
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t.login.signingIn : t.login.submit}
        </button>
      </form>
    </main>
  );
}
