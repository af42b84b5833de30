import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface ReportSummaryRow {
  text: string;
  writtenBy: string;
  writtenByName: string;
  writtenAt: string;
}

/** The latest saved summary of a client's progress report, or undefined when none was written. */
export async function latestReportSummary(
  db: Kysely<Database>,
  clientId: string,
): Promise<ReportSummaryRow | undefined> {
  const row = await db
    .selectFrom('report_summaries as s')
    .innerJoin('users as u', 'u.id', 's.written_by')
    .select(['s.text', 's.written_by', 's.written_at', 'u.name'])
    .where('s.client_id', '=', clientId)
    .orderBy('s.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return (
    row && {
      text: row.text,
      writtenBy: row.written_by,
      writtenByName: row.name,
      writtenAt: row.written_at,
    }
  );
}

/** Save a new version; earlier ones stay (the table is append-only). */
export async function insertReportSummary(
  trx: Kysely<Database>,
  row: { clientId: string; text: string; writtenBy: string; writtenAt: string },
): Promise<void> {
  await trx
    .insertInto('report_summaries')
    .values({
      client_id: row.clientId,
      text: row.text,
      written_by: row.writtenBy,
      written_at: row.writtenAt,
    })
    .execute();
}
