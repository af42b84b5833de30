import { parseArgs } from 'node:util';
import { readConfig } from './config.ts';
import { runCommand } from './cli/commands.ts';

const usage = `Usage: stepwise <command>

  serve [--port N]          run the server (migrates first)
  migrate                   bring the database schema up to date
  demo                      fill the database with a demo clinic and print its logins
  user add --role admin|therapist|client --email E --name N
           [--therapist EMAIL] [--location NAME] [--timezone IANA] [--privacy-officer]
                            create an account; password from STEPWISE_PASSWORD or a prompt
  backup FILE               a consistent online copy of the database (SQLite)
  audit verify              recompute the audit log's hash chain

Environment: DATABASE_URL (file path or postgres://…; default ./data/stepwise.db), PORT, HOST.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  strict: true,
  options: {
    port: { type: 'string' },
    role: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    therapist: { type: 'string' },
    location: { type: 'string' },
    timezone: { type: 'string' },
    'privacy-officer': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help || positionals.length === 0) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}

try {
  const code = await runCommand(positionals, values, readConfig());
  if (code !== undefined) process.exit(code);
} catch (err) {
  console.error(`stepwise: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
