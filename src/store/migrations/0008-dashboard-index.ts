import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * The dashboard's 28-day window reads (measure_id, at, value) for each goal: with `value` in
 * the index it never visits the table, whose rows of one caseload lie one per page (bench:
 * 17–25 ms → 5–11 ms on 8.8 M check-ins).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createIndex('check_ins_measure_at_value')
    .on('check_ins')
    .columns(['measure_id', 'at', 'value'])
    .execute();
  await db.schema.dropIndex('check_ins_measure_at').execute();
}
