import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { LoginBody, SessionView, UserView } from '../../../src/contract/auth.ts';
import type { MfaStatus } from '../../../src/contract/security.ts';
import { checkInQueue } from '../offline/check-in-queue.ts';
import { todayCache } from '../offline/today-cache.ts';
import { ApiError, NetworkError, request, setCsrfToken, setUnauthorizedHandler } from './http.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; expired: boolean }
  /** Signed in with the password; the clinic wants the second factor before anything else. */
  | { status: 'second-factor'; user: UserView; mfa: MfaStatus }
  | { status: 'signed-in'; user: UserView };

interface SessionApi {
  session: SessionState;
  login(body: LoginBody): Promise<void>;
  logout(): Promise<void>;
  /** Ask the server again (after the second factor): GET /api/me. */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionApi | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<SessionState>({ status: 'loading' });

  const signedIn = useCallback(
    (view: SessionView) => {
      setCsrfToken(view.csrfToken);
      if (view.mfa.required && !view.mfa.verified) {
        setSession({ status: 'second-factor', user: view.user, mfa: view.mfa });
        return;
      }
      checkInQueue.setOwner(view.user.id);
      todayCache.start(queryClient, view.user);
      setSession({ status: 'signed-in', user: view.user });
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(undefined);
      todayCache.clear();
      queryClient.clear();
      setSession({ status: 'signed-out', expired: true });
    });
    const ask = () =>
      request<SessionView>('/api/me', { quiet401: true }).then(
        (res) => signedIn(res.data),
        (err: unknown) => {
          const owner = todayCache.lastOwner();
          const unreachable =
            err instanceof NetworkError || (err instanceof ApiError && err.status >= 500);
          if (unreachable && owner) {
            // Opened without signal: the client's kept Today until the server answers again
            // (check-ins queue; the queue waits for the CSRF token that answer brings).
            todayCache.start(queryClient, owner);
            // However recent, the kept data is to be checked: Today then says it is kept.
            void queryClient.invalidateQueries();
            setSession({ status: 'signed-in', user: owner });
            askAgainLater();
            return;
          }
          if (!unreachable) todayCache.clear();
          setSession({ status: 'signed-out', expired: false });
        },
      );
    // When the connection comes back, or in 30 s (the server itself may have been down).
    let later: ReturnType<typeof setTimeout> | undefined;
    const again = () => {
      clearTimeout(later);
      window.removeEventListener('online', again);
      void ask();
    };
    const askAgainLater = () => {
      window.addEventListener('online', again);
      later = setTimeout(again, 30_000);
    };
    void ask();
    return () => {
      clearTimeout(later);
      window.removeEventListener('online', again);
      setUnauthorizedHandler(undefined);
    };
  }, [queryClient, signedIn]);

  const login = useCallback(
    async (body: LoginBody) => {
      const res = await request<SessionView>('/api/auth/login', {
        method: 'POST',
        body,
        quiet401: true,
      });
      queryClient.clear();
      signedIn(res.data);
    },
    [queryClient, signedIn],
  );

  const logout = useCallback(async () => {
    // The device forgets everything of this person, even when the server cannot be reached.
    checkInQueue.clear();
    todayCache.clear();
    try {
      await request('/api/auth/logout', { method: 'POST', quiet401: true });
    } catch {
      // Offline or already ended: the cookie dies with the server session anyway.
    }
    setCsrfToken(undefined);
    queryClient.clear();
    setSession({ status: 'signed-out', expired: false });
  }, [queryClient]);

  const refresh = useCallback(async () => {
    const res = await request<SessionView>('/api/me', { quiet401: true });
    signedIn(res.data);
  }, [signedIn]);

  const value = useMemo(
    () => ({ session, login, logout, refresh }),
    [session, login, logout, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user; only for pages behind the sign-in guard. */
export function useUser(): UserView {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useUser needs a signed-in session');
  return session.user;
}
