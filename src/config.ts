import { defaultDatabaseUrl } from './store/db.ts';

/** Configuration comes from the environment only (see docs/OPERATIONS.md). */
export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  trustProxy: boolean | string;
  logLevel: string;
  /** The address people reach the app at, for links in e-mail. */
  publicUrl: string;
  /** Where e-mail is sent (`smtp://…`, `smtps://…`); unset → e-mail stays in the outbox. */
  smtpUrl: string | null;
  mailFrom: string;
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
    publicUrl: publicUrl(env.PUBLIC_URL, port),
    smtpUrl: smtpUrl(env.SMTP_URL),
    mailFrom: env.MAIL_FROM || 'Stepwise <no-reply@localhost>',
  };
}

function publicUrl(value: string | undefined, port: number): string {
  if (!value) return `http://localhost:${port}`;
  if (!/^https?:\/\/[^/]/.test(value))
    throw new Error(`PUBLIC_URL must be an http(s) address, not "${value}"`);
  return value.replace(/\/+$/, '');
}

function smtpUrl(value: string | undefined): string | null {
  if (!value) return null;
  // Never echo the value: it usually carries the SMTP password.
  if (!/^smtps?:\/\/[^/]/.test(value))
    throw new Error('SMTP_URL must start with smtp:// or smtps://');
  return value;
}
