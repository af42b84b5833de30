import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';
import type { RenderedEmail } from './templates.ts';

// Loaded only when e-mail is configured: its ~40 modules cost every start ~0.15 s otherwise.
const load = () => createRequire(import.meta.url)('nodemailer') as typeof Nodemailer;

/** Where e-mail goes. The outbox worker is the only caller. */
export interface Mailer {
  send(to: string, email: RenderedEmail): Promise<void>;
  close(): void;
}

/** An SMTP failure the server called permanent (5xx): retrying will not help. */
export function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Send through the SMTP server at `url` (`smtp://user:pass@host:587`, `smtps://…:465`).
 * nodemailer upgrades to TLS with STARTTLS when the server offers it.
 */
export function smtpMailer(url: string, from: string): Mailer {
  // A small pool of kept-open connections: a batch of reminders does not pay a TCP and SMTP
  // handshake per message.
  const transport = load().createTransport({ url, pool: true, maxConnections: 4 });
  return {
    async send(to, email) {
      await transport.sendMail({ from, to, subject: email.subject, text: email.text });
    },
    close: () => transport.close(),
  };
}
