import type { Store } from '../store/db.ts';
import { ensureClinic, findUserByEmail } from '../store/accounts.ts';
import { createAccount, type NewAccount } from './accounts.ts';

export interface DemoLogins {
  clinic: string;
  accounts: { role: string; email: string; password: string }[];
}

const clinicName = 'The Insight Clinic';
const password = 'stepwise-demo-2026';

const staff: NewAccount[] = [
  {
    role: 'admin',
    email: 'admin@insight.example',
    name: 'Avery Admin',
    password,
    location: 'Barrie',
  },
  {
    role: 'therapist',
    email: 'theo@insight.example',
    name: 'Theo Marsh',
    password,
    location: 'Barrie',
  },
  {
    role: 'therapist',
    email: 'priya@insight.example',
    name: 'Priya Nair',
    password,
    location: 'Whitby',
  },
];

const clients: NewAccount[] = [
  {
    role: 'client',
    email: 'sam@insight.example',
    name: 'Sam Rivera',
    password,
    therapistEmail: 'theo@insight.example',
    location: 'Barrie',
    timeZone: 'America/Toronto',
  },
  {
    role: 'client',
    email: 'jordan@insight.example',
    name: 'Jordan Lee',
    password,
    therapistEmail: 'theo@insight.example',
    location: 'Barrie',
    timeZone: 'America/Toronto',
  },
  {
    role: 'client',
    email: 'casey@insight.example',
    name: 'Casey Morgan',
    password,
    therapistEmail: 'theo@insight.example',
    location: 'Barrie',
    timeZone: 'America/Toronto',
  },
  {
    role: 'client',
    email: 'alex@insight.example',
    name: 'Alex Chen',
    password,
    therapistEmail: 'priya@insight.example',
    location: 'Whitby',
    timeZone: 'America/Toronto',
  },
  {
    role: 'client',
    email: 'robin@insight.example',
    name: 'Robin Okafor',
    password,
    therapistEmail: 'priya@insight.example',
    location: 'Whitby',
    timeZone: 'America/Vancouver',
  },
];

/**
 * The demo clinic: two locations, an admin, two therapists and their clients. Running it again
 * leaves what exists and prints the logins.
 */
export async function seedDemo(store: Store, now: Date): Promise<DemoLogins> {
  await store.db.transaction().execute((trx) => ensureClinic(trx, now, clinicName));
  for (const account of [...staff, ...clients]) {
    if (!(await findUserByEmail(store.db, account.email))) await createAccount(store, account, now);
  }
  return {
    clinic: clinicName,
    accounts: [...staff, ...clients].map((a) => ({
      role: a.role,
      email: a.email,
      password: a.password,
    })),
  };
}
