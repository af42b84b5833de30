// A server process's outbox worker for the delivery race test:
// `node --import tsx test/support/outbox-process.ts`. It opens DATABASE_URL and an SMTP mailer
// to SMTP_URL and says "ready"; for each line `deliver <ISO instant>` on stdin it drains the
// outbox as of that instant and answers with the outcome as one line of JSON.
import { createInterface } from 'node:readline';
import { deliverDue } from '../../src/jobs/outbox-delivery.ts';
import { smtpMailer } from '../../src/mail/mailer.ts';
import { openStore } from '../../src/store/db.ts';

const url = process.env.DATABASE_URL;
const smtpUrl = process.env.SMTP_URL;
if (!url || !smtpUrl) throw new Error('DATABASE_URL and SMTP_URL are required');
const store = openStore(url, { poolSize: 4 });
const mailer = smtpMailer(smtpUrl, 'Stepwise <no-reply@clinic.example>');
const owner = `process-${process.pid}`;

const lines = createInterface({ input: process.stdin });
console.log('ready');
for await (const line of lines) {
  const [command, at] = line.trim().split(' ');
  if (command !== 'deliver' || !at) break;
  const outcome = await deliverDue({
    store,
    mailer,
    baseUrl: 'https://stepwise.clinic.example',
    owner,
    now: new Date(at),
    batch: 10,
  });
  console.log(JSON.stringify({ owner, ...outcome }));
}
lines.close();
mailer.close();
await store.close();
