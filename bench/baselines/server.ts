import Fastify, { type FastifyInstance } from 'fastify';

/**
 * A bare baseline server: Fastify with its defaults (no logger, no hooks, no plugins), on the
 * port the runner chose. Each baseline is its own process, like the app it is compared with.
 */
export function bareServer(): { app: FastifyInstance; listen: () => Promise<void> } {
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ status: 'ok' }));
  const port = Number(process.env.BENCH_PORT);
  return {
    app,
    listen: async () => {
      await app.listen({ port, host: '127.0.0.1' });
      const close = () => void app.close().then(() => process.exit(0));
      process.once('SIGTERM', close);
      process.once('SIGINT', close);
    },
  };
}

/** The body every bare insert takes: the check-in contract's fields, unchecked. */
export interface BareCheckIn {
  id: string;
  measureId: string;
  value: number;
  at?: string;
  note?: string;
}
