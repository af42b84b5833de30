import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { migrate, openStore, type Store } from '../../src/store/db.ts';
import type { DialectName } from '../../src/store/dialect.ts';
import { migrationProvider } from '../../src/store/migrations/index.ts';
import { engines } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { createPgDatabase } from '../support/pg-database.ts';

/** A database migrated only as far as `step`, as an installation that has not upgraded yet. */
async function databaseAt(engine: DialectName, step: string) {
  const made =
    engine === 'sqlite'
      ? { url: join(mkdtempSync(join(tmpdir(), 'stepwise-mig-')), 'test.db'), name: null }
      : await createPgDatabase(inject('pgUrl'), 'stepwise_mig');
  const store = openStore(made.url);
  const { error } = await new Migrator({
    db: store.db,
    provider: migrationProvider(store.dialect),
    migrationTableName: 'stepwise_migrations',
    migrationLockTableName: 'stepwise_migrations_lock',
  }).migrateTo(step);
  if (error) throw error;
  const drop = async () => {
    await store.close();
    if (!made.name) return;
    const admin = new pg.Client({ connectionString: inject('pgUrl') });
    await admin.connect();
    await admin.query(`drop database if exists ${made.name}`);
    await admin.end();
  };
  return { store, drop };
}

async function oldNotice(store: Store, userId: string, grantId: string, readAt: string | null) {
  await sql`insert into privacy_notifications (user_id, grant_id, created_at, read_at)
    values (${userId}, ${grantId}, '2026-11-20T10:00:00.000Z', ${readAt})`.execute(store.db);
}

for (const engine of engines()) {
  describe(`migration 0016: one inbox [${engine}]`, () => {
    it('moves the privacy officers’ review notices into notifications, read or not', async () => {
      const { store, drop } = await databaseAt(engine, '0015-audit-seals');
      try {
        const clinic = await buildClinic(store);
        const grantId = crypto.randomUUID();
        await sql`insert into break_glass_grants (id, clinic_id, user_id, client_id, reason,
            created_at, expires_at)
          values (${grantId}, ${clinic.id}, ${clinic.therapist.id}, ${clinic.otherClient.clientId},
            'In crisis at the front desk', '2026-11-20T10:00:00.000Z', '2026-11-20T12:00:00.000Z')`.execute(
          store.db,
        );
        await oldNotice(store, clinic.admin.id, grantId, null);
        await oldNotice(store, clinic.therapist.id, grantId, '2026-11-20T11:00:00.000Z');

        expect(await migrate(store)).toContain('0016-one-inbox');
        const moved = await store.db
          .selectFrom('notifications')
          .select(['clinic_id', 'user_id', 'kind', 'link', 'dedupe_key', 'created_at', 'read_at'])
          .orderBy('read_at')
          .execute();
        expect(moved).toHaveLength(2);
        expect(moved).toEqual(
          expect.arrayContaining([
            {
              clinic_id: clinic.id,
              user_id: clinic.admin.id,
              kind: 'privacy-review',
              link: '/privacy/review',
              dedupe_key: `privacy-review/${grantId}/${clinic.admin.id}`,
              created_at: '2026-11-20T10:00:00.000Z',
              read_at: null,
            },
            expect.objectContaining({
              user_id: clinic.therapist.id,
              read_at: '2026-11-20T11:00:00.000Z',
            }),
          ]),
        );
        await expect(
          sql`select count(*) from privacy_notifications`.execute(store.db),
        ).rejects.toThrow();
      } finally {
        await drop();
      }
    });
  });
}
