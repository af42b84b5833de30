import { lazy, Suspense, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { EnrolmentView, MfaStatus } from '../../../src/contract/security.ts';
import { mfaConfirmBody, mfaVerifyBody } from '../../../src/contract/security.ts';
import { errorText, request } from '../api/http.ts';
import { useSession } from '../api/session.tsx';
import { Field } from '../components/field.tsx';
import { ErrorState, Loading } from '../components/states.tsx';
import { t } from '../i18n/index.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

// Only staff enrolling an authenticator need the QR encoder: kept out of everyone's first load.
const QrCode = lazy(async () => ({ default: (await import('../components/qr-code.tsx')).QrCode }));

const post = <T,>(path: string, body?: unknown) =>
  request<T>(path, { method: 'POST', quiet401: true, ...(body !== undefined ? { body } : {}) });

/** Signing in, step two: the code from the authenticator app (or a recovery code). */
function Verify({ onDone }: { onDone: () => Promise<void> }) {
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = mfaVerifyBody.safeParse(recovery ? { recoveryCode: code } : { code });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setBusy(true);
    try {
      await post('/api/auth/mfa/verify', parsed.data);
      await onDone();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }
  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t.mfa.verifyTitle}</h2>
      <Field label={recovery ? t.mfa.recoveryCode : t.mfa.code} error={error}>
        {(a) => (
          <input
            {...a}
            type="text"
            inputMode={recovery ? 'text' : 'numeric'}
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button primary" disabled={busy}>
        {t.mfa.verify}
      </button>
      <button type="button" className="button link" onClick={() => setRecovery(!recovery)}>
        {recovery ? t.mfa.useApp : t.mfa.useRecovery}
      </button>
    </form>
  );
}

/** First sign-in where the clinic requires it: add an authenticator, confirm, keep the codes. */
function Enrol({ onDone }: { onDone: () => Promise<void> }) {
  const [enrolment, setEnrolment] = useState<EnrolmentView | undefined>();
  const [failed, setFailed] = useState<unknown>();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [codes, setCodes] = useState<string[] | undefined>();
  useEffect(() => {
    post<EnrolmentView>('/api/auth/mfa/enrol').then((r) => setEnrolment(r.data), setFailed);
  }, []);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = mfaConfirmBody.safeParse({ code });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    try {
      setCodes(
        (await post<{ recoveryCodes: string[] }>('/api/auth/mfa/confirm', parsed.data)).data
          .recoveryCodes,
      );
    } catch (err) {
      setError(errorText(err));
    }
  }
  if (failed) return <ErrorState error={failed} />;
  if (!enrolment) return <Loading />;
  if (codes)
    return (
      <div className="card stack">
        <h2>{t.mfa.codesTitle}</h2>
        <p>{t.mfa.codesIntro}</p>
        <ul className="recovery-codes" aria-label={t.mfa.codesTitle}>
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" className="button primary" onClick={() => void onDone()}>
          {t.mfa.continue}
        </button>
      </div>
    );
  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t.mfa.enrolTitle}</h2>
      <p>{t.mfa.enrolIntro}</p>
      <Suspense fallback={<Loading label={t.mfa.qrLoading} />}>
        <QrCode text={enrolment.otpauthUri} label={t.mfa.qrLabel} />
      </Suspense>
      <p>
        {t.mfa.secret}{' '}
        <code className="secret">{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
      </p>
      <p>
        <a href={enrolment.otpauthUri}>{t.mfa.openApp}</a>
      </p>
      <Field label={t.mfa.code} error={error}>
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
      <button type="submit" className="button primary">
        {t.mfa.confirm}
      </button>
    </form>
  );
}

export function SecondFactorPage({ mfa, name }: { mfa: MfaStatus; name: string }) {
  usePageTitle(t.mfa.title);
  const { refresh, logout } = useSession();
  return (
    <main id="main" className="login">
      <h1>
        <img src="/favicon.svg" alt="" width="32" height="32" /> {t.app.name}
      </h1>
      <p className="lede">{t.mfa.hello(name)}</p>
      {mfa.enrolled ? <Verify onDone={refresh} /> : <Enrol onDone={refresh} />}
      <button type="button" className="button link" onClick={() => void logout()}>
        {t.nav.signOut}
      </button>
    </main>
  );
}
