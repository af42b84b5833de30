import type { FastifyServerOptions } from 'fastify';

/**
 * Structured logs (pino). Requests are logged by method, route and status only; credentials and
 * anything a client wrote are redacted wherever they might appear.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        'body',
        'req.body',
        '*.password',
        '*.note',
        '*.text',
      ],
      censor: '[redacted]',
    },
  };
}
