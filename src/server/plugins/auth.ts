import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { findLiveSession } from '../../store/auth-sessions.ts';
import type { Store } from '../../store/db.ts';
import { mfaPending } from '../../services/mfa.ts';
import { authorize, isAction, type Action } from '../policy.ts';

/** Every /api route with its policy decision; the authorization matrix test walks it. */
export interface RouteEntry {
  method: string;
  url: string;
  action: Action | 'public';
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: readonly RouteEntry[];
  }
}

export const sessionCookie = {
  plain: 'stepwise_session',
  secure: '__Host-stepwise_session',
} as const;

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a session waiting for its second factor may still do. */
const duringSignIn = new Set<Action>(['session.read', 'session.end', 'mfa.manage']);

export function readSessionToken(req: FastifyRequest): string | undefined {
  return req.cookies[sessionCookie.secure] ?? req.cookies[sessionCookie.plain];
}

/** Set the session cookie: HttpOnly, SameSite=Strict, and Secure with the `__Host-` prefix over HTTPS. */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  const secure = req.protocol === 'https';
  void reply.setCookie(secure ? sessionCookie.secure : sessionCookie.plain, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
  });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  const secure = req.protocol === 'https';
  void reply.clearCookie(secure ? sessionCookie.secure : sessionCookie.plain, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
  });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every /api route declares `config.action`: `public`, or an action of the policy. For the
 * latter this hook loads the session (401 without one), checks the CSRF token on writes
 * (403 `csrf`), and asks the policy whether the role may ever take the action (403).
 */
export function authPlugin(app: FastifyInstance, store: Store): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('authSession', null);

  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const action = (route.config as { action?: unknown } | undefined)?.action;
    if (action !== 'public' && !isAction(action)) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no policy action`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url: route.url, action });
    }
  });

  app.addHook('preHandler', async (req) => {
    const action = req.routeOptions.config.action;
    if (action === undefined || action === 'public') return;
    const token = readSessionToken(req);
    const session = token ? await findLiveSession(store.db, token, req.now) : undefined;
    if (!session)
      throw new AppError(401, 'unauthenticated', 'Your session has ended. Please sign in.');
    if (!safeMethods.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) {
        throw new AppError(
          403,
          'csrf',
          'The request is missing its x-csrf-token header, or it is out of date. Reload the page.',
        );
      }
    }
    req.actor = session.actor;
    req.authSession = session;
    // Until the second factor is passed, a session may only finish signing in or sign out.
    if (mfaPending(session) && !duringSignIn.has(action)) {
      throw session.mfaEnrolled
        ? new AppError(
            401,
            'mfa-required',
            'Enter the 6-digit code from your authenticator app to finish signing in.',
          )
        : new AppError(
            401,
            'mfa-enrolment-required',
            'Your clinic requires a second step at sign-in: set up an authenticator app first.',
          );
    }
    authorize(session.actor, action);
  });
}
