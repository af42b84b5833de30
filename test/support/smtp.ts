import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';
import { smtpMailer, type Mailer } from '../../src/mail/mailer.ts';

export interface ReceivedMail {
  to: string[];
  subject: string;
  /** The whole message as received (headers and body). */
  raw: string;
}

/**
 * A real SMTP server on a loopback port, started inside the test. `failNext(n, code)` makes the
 * next n messages fail with that reply code (451 temporary, 550 permanent).
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  let failures: { left: number; code: number } = { left: 0, code: 451 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures.left > 0) {
          failures.left--;
          const err = Object.assign(new Error('Try again later'), {
            responseCode: failures.code,
          });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const subject = /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '';
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failNext(n: number, code = 451) {
      failures = { left: n, code };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpTestServer = Awaited<ReturnType<typeof startSmtpServer>>;

/**
 * A suite's SMTP server and a mailer that sends to it, started before and closed after the
 * suite's tests.
 */
export function useSmtpServer(): () => { smtp: SmtpTestServer; mailer: Mailer } {
  let made: { smtp: SmtpTestServer; mailer: Mailer } | undefined;
  beforeAll(async () => {
    const smtp = await startSmtpServer();
    made = { smtp, mailer: smtpMailer(smtp.url, 'Stepwise <no-reply@clinic.example>') };
  });
  afterAll(async () => {
    made?.mailer.close();
    await made?.smtp.close();
  });
  return () => {
    if (!made) throw new Error('SMTP server not started');
    return made;
  };
}
