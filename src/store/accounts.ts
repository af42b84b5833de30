import { defaultReminderSettings, type ReminderSettings } from '../domain/reminders.ts';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PairedOutcomeOptions } from '../domain/outcomes.ts';
import { findLocationNamed } from './locations.ts';
import type { Database, Role } from './schema.ts';

/** Where a client's zone is not given. Ontario clinics first. */
export const defaultTimeZone = 'America/Toronto';

export const defaultClinicSettings = {
  crisisText:
    'If you are thinking about suicide or might hurt yourself, call or text 9-8-8 (Suicide Crisis Helpline, any time). In an emergency, call 9-1-1 or go to the nearest emergency department.',
  silenceDays: 7,
  riskEscalationMinutes: 240,
  /** Staff must pass TOTP after their password (OWASP ASVS level 2). On unless a clinic turns it off. */
  mfaRequiredForStaff: true,
  /**
   * SPEC §6: a paired reliable improvement also needs neither PHQ-9 nor GAD-7 reliably worse.
   * On by default (the rule SPEC's decisions take); the clause is [U], so a clinic may drop it.
   */
  pairedImprovementRequiresNoDeterioration: true,
  /** How long a break-the-glass grant keeps a record outside the caseload open. */
  breakGlassMinutes: 120,
  /** What a client's reminders are until they choose their own (issue 8). */
  reminderDefaults: defaultReminderSettings as ReminderSettings,
  /** When therapists get their daily digest, on the clinic's clock. */
  digestTime: '07:30',
  digestTimeZone: 'America/Toronto',
};

export type ClinicSettings = typeof defaultClinicSettings;

/** Read from the clinic's settings JSON on every request, so a change applies at once. */
export function clinicRequiresStaffMfa(settingsJson: string): boolean {
  const s = JSON.parse(settingsJson) as Partial<ClinicSettings>;
  return s.mfaRequiredForStaff ?? defaultClinicSettings.mfaRequiredForStaff;
}

/** The installation's clinic, created on first use. */
export async function ensureClinic(
  trx: Kysely<Database>,
  now: Date,
  name = 'Stepwise Clinic',
  /** Settings for a clinic made now (over the defaults); an existing clinic keeps its own. */
  settings: Partial<ClinicSettings> = {},
): Promise<string> {
  const existing = await trx
    .selectFrom('clinics')
    .select('id')
    .orderBy('created_at')
    .executeTakeFirst();
  if (existing) return existing.id;
  const id = randomUUID();
  await trx
    .insertInto('clinics')
    .values({
      id,
      name,
      settings: JSON.stringify({ ...defaultClinicSettings, ...settings }),
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** The options `pairedOutcome` takes from a clinic's settings (SPEC §6). */
export function pairedOptions(s: ClinicSettings): PairedOutcomeOptions {
  return { improvementRequiresNoDeterioration: s.pairedImprovementRequiresNoDeterioration };
}

export async function ensureLocation(
  trx: Kysely<Database>,
  clinicId: string,
  name: string,
  now: Date,
): Promise<string> {
  const existing = await findLocationNamed(trx, clinicId, name);
  if (existing) return existing.id;
  const id = randomUUID();
  await trx
    .insertInto('locations')
    .values({ id, clinic_id: clinicId, name, created_at: now.toISOString(), archived_at: null })
    .execute();
  return id;
}

export interface NewUser {
  clinicId: string;
  role: Role;
  email: string;
  name: string;
  passwordHash: string;
  locationId: string | null;
  /** An admin who reviews break-the-glass access. */
  privacyOfficer?: boolean;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
}

export async function insertUser(trx: Kysely<Database>, user: NewUser, now: Date): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('users')
    .values({
      id,
      clinic_id: user.clinicId,
      email: normaliseEmail(user.email),
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      location_id: user.locationId,
      disabled_at: null,
      created_at: now.toISOString(),
      privacy_officer: user.privacyOfficer ? 1 : 0,
    })
    .execute();
  return id;
}

/** A client record with its primary therapist on the care team. */
export async function insertClient(
  trx: Kysely<Database>,
  c: {
    clinicId: string;
    userId: string;
    timeZone: string;
    locationId: string | null;
    therapistId: string | null;
  },
  now: Date,
): Promise<string> {
  const id = randomUUID();
  const at = now.toISOString();
  await trx
    .insertInto('clients')
    .values({
      id,
      clinic_id: c.clinicId,
      user_id: c.userId,
      time_zone: c.timeZone,
      location_id: c.locationId,
      primary_therapist_id: c.therapistId,
      created_at: at,
    })
    .execute();
  if (c.therapistId) {
    await trx
      .insertInto('care_team')
      .values({ client_id: id, user_id: c.therapistId, is_primary: 1, added_at: at })
      .execute();
  }
  return id;
}

export async function clientIdOfUser(db: Kysely<Database>, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('clients')
    .select('id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.id ?? null;
}
