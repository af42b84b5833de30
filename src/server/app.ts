import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { systemClock, type Clock } from '../clock.ts';
import type { LiveSession } from '../store/auth-sessions.ts';
import type { Store } from '../store/db.ts';
import type { Actor } from '../store/scope.ts';
import { authPlugin } from './plugins/auth.ts';
import { securityPlugin } from './plugins/security.ts';
import { webPlugin } from './plugins/web.ts';
import type { Action } from './policy.ts';
import { RequestLog } from './logger.ts';
import { errorHandler, sendProblem } from './problem.ts';
import { alertRoutes } from './routes/alerts.ts';
import { attainmentRoutes } from './routes/attainment.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { clinicRoutes } from './routes/clinic.ts';
import { clientRoutes } from './routes/clients.ts';
import { consentRoutes } from './routes/consent.ts';
import { correctionRoutes } from './routes/corrections.ts';
import { careTeamRoutes } from './routes/care-teams.ts';
import { exportRoutes } from './routes/exports.ts';
import { goalRoutes } from './routes/goals.ts';
import { healthRoutes } from './routes/health.ts';
import { journalRoutes } from './routes/journal.ts';
import { measurementRoutes } from './routes/measurement.ts';
import { goalDraftRoutes } from './routes/goal-drafts.ts';
import { relapsePlanRoutes } from './routes/relapse-plan.ts';
import { ifThenPlanRoutes } from './routes/if-then-plans.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { outboxRoutes } from './routes/outbox.ts';
import { planRoutes } from './routes/plan.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { questionnaireRoutes } from './routes/questionnaires.ts';
import { securityRoutes } from './routes/security.ts';
import { sessionRoutes } from './routes/sessions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The policy action this route takes, or `public`. Required on every /api route. */
    action?: Action | 'public';
  }
  interface FastifyRequest {
    actor: Actor | null;
    authSession: LiveSession | null;
    /** The request's "now", from the app's clock (fake in tests). */
    now: Date;
  }
}

export interface AppOptions {
  store: Store;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Trust X-Forwarded-* from a reverse proxy (needed for Secure cookies behind TLS termination). */
  trustProxy?: boolean | string;
  /** The app's public address, for the links in e-mails admins read in the outbox view. */
  publicUrl?: string;
  /** Whether an outbox worker sends e-mail (SMTP_URL set); shown in the outbox view. */
  mailDelivering?: boolean;
}

export const bodyLimit = 256 * 1024;

export function buildApp(options: AppOptions): FastifyInstance {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    trustProxy: options.trustProxy ?? false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    genReqId: () => crypto.randomUUID(),
    logController: new RequestLog(),
    // A malformed URL or an over-long path parameter is refused by the router before any hook:
    // without this, Fastify answers in its own JSON shape instead of problem+json.
    frameworkErrors: errorHandler,
    routerOptions: { ignoreTrailingSlash: true },
  });

  app.decorateRequest('now', null as unknown as Date);
  app.addHook('onRequest', async (req) => {
    req.now = clock();
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) =>
    sendProblem(
      reply,
      404,
      'not-found',
      `There is nothing at ${req.method} ${req.url.split('?')[0]}.`,
    ),
  );
  void app.register(cookie);
  securityPlugin(app);
  authPlugin(app, store);

  healthRoutes(app, store);
  authRoutes(app, store);
  clientRoutes(app, store);
  auditRoutes(app, store);
  goalRoutes(app, store);
  planRoutes(app, store);
  ifThenPlanRoutes(app, store);
  goalDraftRoutes(app, store);
  relapsePlanRoutes(app, store);
  measurementRoutes(app, store);
  questionnaireRoutes(app, store);
  attainmentRoutes(app, store);
  alertRoutes(app, store);
  journalRoutes(app, store);
  clinicRoutes(app, store);
  sessionRoutes(app, store);
  securityRoutes(app, store);
  privacyRoutes(app, store);
  exportRoutes(app, store);
  correctionRoutes(app, store);
  consentRoutes(app, store);
  careTeamRoutes(app, store);
  notificationRoutes(app, store);
  outboxRoutes(app, store, {
    baseUrl: options.publicUrl ?? 'http://localhost:3000',
    delivering: options.mailDelivering ?? false,
  });
  webPlugin(app);
  return app;
}
