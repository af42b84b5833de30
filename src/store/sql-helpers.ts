import { sql, type RawBuilder } from 'kysely';

/** `column in ('a', 'b')` for CHECK constraints; values are our own constants, never input. */
export function sqlIn(column: string, values: readonly string[]): RawBuilder<unknown> {
  return sql.raw(`${column} in (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`);
}
