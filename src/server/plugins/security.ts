import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';

const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Security headers on every answer, and refusal of cross-site state-changing requests. */
export function securityPlugin(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    void reply.header('content-security-policy', csp);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('cross-origin-opener-policy', 'same-origin');
    void reply.header('cross-origin-resource-policy', 'same-origin');
    void reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    if (req.protocol === 'https')
      void reply.header('strict-transport-security', 'max-age=31536000');
    if (req.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');

    if (safeMethods.has(req.method)) return;
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new AppError(403, 'csrf', 'Cross-site requests are refused.');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== 'null') {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {
        host = undefined;
      }
      if (host === undefined || withoutDefaultPort(host) !== withoutDefaultPort(req.host))
        throw new AppError(403, 'csrf', 'Cross-site requests are refused.');
    } else if (origin === 'null') {
      throw new AppError(403, 'csrf', 'Cross-site requests are refused.');
    }
  });
}

const withoutDefaultPort = (host: string) => host.replace(/:(80|443)$/, '');
