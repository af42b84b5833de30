import type { Kysely } from 'kysely';
import { defaultClinicSettings, type ClinicSettings } from './accounts.ts';
import type { Database } from './schema.ts';

/** Stored settings over the defaults, so a setting added later has a value in older clinics. */
export function readSettings(json: string): ClinicSettings {
  return { ...defaultClinicSettings, ...(JSON.parse(json) as Partial<ClinicSettings>) };
}

/** One clinic's settings (stored over the defaults). */
export async function clinicSettings(
  db: Kysely<Database>,
  clinicId: string,
): Promise<ClinicSettings> {
  const row = await db
    .selectFrom('clinics')
    .select('settings')
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return readSettings(row.settings);
}

/** Every clinic's settings, for jobs that apply each clinic's own rules. */
export async function listClinicSettings(
  db: Kysely<Database>,
): Promise<{ clinicId: string; settings: ClinicSettings }[]> {
  const rows = await db.selectFrom('clinics').select(['id', 'settings']).orderBy('id').execute();
  return rows.map((r) => ({ clinicId: r.id, settings: readSettings(r.settings) }));
}

/**
 * Merge `patch` into the clinic's settings. A compare-and-set on the stored text, retried when
 * another admin's change landed in between, so two concurrent edits of different settings both
 * survive on either engine.
 */
export async function updateClinicSettings(
  trx: Kysely<Database>,
  clinicId: string,
  patch: Partial<ClinicSettings>,
): Promise<{ before: ClinicSettings; after: ClinicSettings }> {
  for (let attempt = 0; ; attempt++) {
    const row = await trx
      .selectFrom('clinics')
      .select('settings')
      .where('id', '=', clinicId)
      .executeTakeFirstOrThrow();
    const before = readSettings(row.settings);
    const after = { ...before, ...patch };
    const result = await trx
      .updateTable('clinics')
      .set({ settings: JSON.stringify(after) })
      .where('id', '=', clinicId)
      .where('settings', '=', row.settings)
      .executeTakeFirst();
    if (result.numUpdatedRows === 1n) return { before, after };
    if (attempt >= 5) throw new Error('clinic settings kept changing underneath the update');
  }
}
