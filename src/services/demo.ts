import { offTrackJob } from '../jobs/off-track.ts';
import { silenceJob } from '../jobs/silence.ts';
import { ensureClinic, findUserByEmail } from '../store/accounts.ts';
import type { Store } from '../store/db.ts';
import { createAccount, type NewAccount } from './accounts.ts';
import { seedStory } from './demo/seed-story.ts';
import { stories } from './demo/stories.ts';

export interface DemoLogins {
  clinic: string;
  /** Clients whose six months were filled by this run (0 when they already had them). */
  seeded: number;
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
 * The demo clinic: two locations, an admin, two therapists and five clients with six months of
 * goals, check-ins, practices, questionnaires and journals — improving, stuck, deteriorating
 * (with one open risk alert) and silent. Running it again leaves what exists (a client with
 * goals is not filled twice) and prints the logins. Values come from a seeded PRNG: the same
 * `now` gives the same demo.
 */
export async function seedDemo(store: Store, now: Date): Promise<DemoLogins> {
  const clinicId = await store.db
    .transaction()
    // The demo is for trying Stepwise at once, so its own clinic does not ask staff for a code;
    // a real clinic has staff MFA on until an admin turns it off.
    .execute((trx) => ensureClinic(trx, now, clinicName, { mfaRequiredForStaff: false }));
  for (const account of [...staff, ...clients]) {
    if (!(await findUserByEmail(store.db, account.email))) await createAccount(store, account, now);
  }
  let seeded = 0;
  for (const story of stories) if (await seedStory(store, clinicId, story, now)) seeded++;
  // What the scheduled jobs would find within the first minute of `stepwise serve`.
  if (seeded > 0) {
    await silenceJob.run({ store, now });
    await offTrackJob.run({ store, now });
  }
  return {
    clinic: clinicName,
    seeded,
    accounts: [...staff, ...clients].map((a) => ({
      role: a.role,
      email: a.email,
      password: a.password,
    })),
  };
}
