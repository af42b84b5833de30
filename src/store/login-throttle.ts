import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export const throttleRules = {
  windowMs: 15 * 60_000,
  perAccount: 10,
  perIp: 50,
} as const;

export const accountKey = (email: string) => `account:${email}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Seconds until this key may try again, or 0. Counted in the database, so every server process
 * shares one count.
 */
export async function retryAfterSeconds(
  db: Kysely<Database>,
  key: string,
  limit: number,
  now: Date,
): Promise<number> {
  const since = new Date(now.getTime() - throttleRules.windowMs).toISOString();
  const rows = await db
    .selectFrom('login_failures')
    .select('at')
    .where('key', '=', key)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  if (rows.length < limit) return 0;
  // Blocked until the oldest of the last `limit` failures leaves the window.
  const oldest = Date.parse(rows[rows.length - 1]!.at);
  return Math.max(1, Math.ceil((oldest + throttleRules.windowMs - now.getTime()) / 1000));
}

export async function recordFailure(
  db: Kysely<Database>,
  keys: string[],
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('login_failures')
    .values(keys.map((key) => ({ key, at })))
    .execute();
}

export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}

/** Forget failures older than the window (run by the housekeeping job). */
export async function pruneFailures(db: Kysely<Database>, now: Date): Promise<number> {
  const before = new Date(now.getTime() - throttleRules.windowMs).toISOString();
  const result = await db.deleteFrom('login_failures').where('at', '<=', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
