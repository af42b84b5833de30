import { defaultDatabaseUrl } from './store/db.ts';

/** Configuration comes from the environment only (see docs/OPERATIONS.md). */
export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  trustProxy: boolean | string;
  logLevel: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const trust = env.TRUST_PROXY;
  return {
    databaseUrl: env.DATABASE_URL || defaultDatabaseUrl,
    port,
    host: env.HOST || '127.0.0.1',
    trustProxy: trust === undefined || trust === '' ? false : trust === 'true' ? true : trust,
    logLevel: env.LOG_LEVEL || 'info',
  };
}
