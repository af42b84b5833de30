import type { Store } from '../../src/store/db.ts';

/** Rows the server stored, read straight from the database the test server uses. */
export async function countCheckIns(store: Store, clientId: string): Promise<number> {
  const row = await store.db
    .selectFrom('check_ins')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function openRiskAlerts(store: Store, clientId: string) {
  return store.db
    .selectFrom('alerts')
    .select(['id', 'kind', 'acknowledged_at', 'ack_note'])
    .where('client_id', '=', clientId)
    .where('kind', '=', 'risk')
    .execute();
}

/** Poll until `check` holds (the page and the server work on their own time). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}
