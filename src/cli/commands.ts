import { createInterface } from 'node:readline';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { buildApp } from '../server/app.ts';
import { auditSealJob, auditSealEveryMs } from '../jobs/audit-seal.ts';
import { defaultJobs } from '../jobs/index.ts';
import { outboxDeliveryJob } from '../jobs/outbox-delivery.ts';
import { createJobRunner } from '../jobs/runner.ts';
import { smtpMailer } from '../mail/mailer.ts';
import { loggerOptions } from '../server/logger.ts';
import { createAccount } from '../services/accounts.ts';
import { seedDemo } from '../services/demo.ts';
import { sealAudit, verifyAuditChain } from '../store/audit.ts';
import { migrate, openStore } from '../store/db.ts';
import type { Role } from '../store/schema.ts';

type Flags = Partial<
  Record<'port' | 'role' | 'email' | 'name' | 'therapist' | 'location' | 'timezone', string>
> & { 'privacy-officer'?: boolean };

/** Run one CLI command; returns an exit code, or undefined for a server that keeps running. */
export async function runCommand(
  args: string[],
  flags: Flags,
  config: Config,
): Promise<number | undefined> {
  const [command = '', sub, arg] = args;
  switch (command) {
    case 'serve':
      await serve(config, flags.port);
      return undefined;
    case 'migrate':
      return withStore(config, async () => 0);
    case 'demo':
      return withStore(config, async (store) => {
        const logins = await seedDemo(store, new Date());
        console.log(
          `Demo clinic "${logins.clinic}" is ready${logins.seeded ? ` (six months of data for ${logins.seeded} clients)` : ''}. Sign in at http://${config.host}:${config.port} with:`,
        );
        for (const l of logins.accounts)
          console.log(`  ${l.role.padEnd(9)} ${l.email.padEnd(34)} ${l.password}`);
        return 0;
      });
    case 'user':
      if (sub !== 'add') throw new Error('usage: stepwise user add --role … --email … --name …');
      return withStore(config, async (store) => {
        const password = process.env.STEPWISE_PASSWORD ?? (await promptHidden('Password: '));
        try {
          const account = await createAccount(
            store,
            {
              role: (flags.role ?? '') as Role,
              email: flags.email ?? '',
              name: flags.name ?? '',
              password,
              ...(flags.therapist ? { therapistEmail: flags.therapist } : {}),
              ...(flags.location ? { location: flags.location } : {}),
              ...(flags.timezone ? { timeZone: flags.timezone } : {}),
              ...(flags['privacy-officer'] ? { privacyOfficer: true } : {}),
            },
            new Date(),
          );
          console.log(JSON.stringify(account));
          return 0;
        } catch (err) {
          if (err instanceof AppError) {
            const fields = err.details.errors
              ?.map((e) => `  --${e.field}: ${e.message}`)
              .join('\n');
            console.error(`stepwise: ${fields ? `\n${fields}` : err.message}`);
            return 2;
          }
          throw err;
        }
      });
    case 'backup':
      if (!sub) throw new Error('usage: stepwise backup FILE');
      return withStore(config, async (store) => {
        if (!store.sqlite) {
          console.error(
            'stepwise: on PostgreSQL, back up with pg_dump (e.g. pg_dump -Fc -f stepwise.dump DBNAME).',
          );
          return 2;
        }
        // Copy every page in one step: SQLite restarts an online backup whenever another
        // connection writes between steps, so under steady load the default 100-page steps
        // never finish. One step reads one WAL snapshot, and writers are not blocked meanwhile.
        await store.sqlite.backup(sub, { progress: () => 0x7fffffff });
        console.log(`Backed up ${store.location} to ${sub}`);
        return 0;
      });
    case 'audit':
      if (sub !== 'verify') throw new Error('usage: stepwise audit verify');
      return withStore(config, async (store) => {
        const r = await verifyAuditChain(store.db);
        const pending = r.unsealed
          ? ` ${r.unsealed} newer ${r.unsealed === 1 ? 'event is' : 'events are'} not sealed yet (the server seals them each second).`
          : '';
        if (r.broken === null) {
          console.log(`Audit log intact: ${r.checked} sealed events verified.${pending}`);
          return 0;
        }
        const { position, eventSeq, reason } = r.broken;
        console.error(
          `Audit log broken at link ${position}${eventSeq === null ? '' : ` (event seq ${eventSeq})`}: ${reason}. The ${r.checked} links before it hold.`,
        );
        return 1;
      });
    default:
      throw new Error(
        `unknown command "${[command, sub, arg].filter(Boolean).join(' ')}"; see stepwise --help`,
      );
  }
}

async function withStore(
  config: Config,
  run: (store: ReturnType<typeof openStore>) => Promise<number>,
): Promise<number> {
  const store = openStore(config.databaseUrl);
  try {
    await migrate(store);
    return await run(store);
  } finally {
    await store.close();
  }
}

async function serve(config: Config, portFlag: string | undefined): Promise<void> {
  const port = portFlag === undefined ? config.port : Number(portFlag);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not "${portFlag}"`);
  const store = openStore(config.databaseUrl);
  await migrate(store);
  const app = buildApp({
    store,
    logger: loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    mailDelivering: config.smtpUrl !== null,
  });
  // Scheduled jobs (alert escalation, silence, off-track, housekeeping) share the database with
  // every other process; each due run happens in one of them. Stopped when the server closes.
  // E-mail leaves only when SMTP_URL is set; otherwise it waits in the outbox, where admins read it.
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null;
  const jobs = createJobRunner({
    store,
    jobs: mailer ? [...defaultJobs, outboxDeliveryJob(mailer, config.publicUrl)] : defaultJobs,
    log: app.log,
  });
  // The audit sealer ticks every second on a runner of its own; its runs are logged only when
  // they fail (a line a second would drown the log).
  const sealer = createJobRunner({
    store,
    jobs: [auditSealJob],
    log: { info: () => {}, error: (obj, msg) => app.log.error(obj, msg) },
  });
  app.addHook('onClose', async () => {
    await Promise.all([jobs.stop(), sealer.stop()]);
    mailer?.close();
    // A server stopped cleanly leaves no event unsealed.
    await sealAudit(store).catch((err: unknown) => app.log.error({ err }, 'audit sealing failed'));
  });
  const stop = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  const address = await app.listen({ port, host: config.host });
  app.log.info(`Stepwise is serving on ${address} (${store.dialect})`);
  jobs.start();
  sealer.start(auditSealEveryMs);
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = rl as unknown as { _writeToOutput: (s: string) => void };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    write._writeToOutput = () => {};
    process.stdout.write(question);
  });
}
