import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/** The notice as `notifyPrivacyOfficers` writes it when this step shipped (steps never change). */
const notice = {
  kind: 'privacy-review',
  title: 'A record was opened with break-the-glass: it awaits your review',
  link: '/privacy/review',
};

interface OldNotice {
  user_id: string;
  grant_id: string;
  created_at: string;
  read_at: string | null;
  clinic_id: string;
}

/**
 * One inbox: the privacy officer's "awaits review" notices move into `notifications` (kind
 * `privacy-review`), the table every other notice already lives in, and their own table goes.
 * The dedupe key keeps one notice per officer per grant, as the old primary key did.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  const old = await sql<OldNotice>`select p.user_id, p.grant_id, p.created_at, p.read_at,
      u.clinic_id from privacy_notifications p join users u on u.id = p.user_id`.execute(db);
  for (const n of old.rows)
    await sql`insert into notifications (id, clinic_id, user_id, client_id, kind, title, body,
        link, dedupe_key, created_at, read_at, snoozed_until)
      values (${randomUUID()}, ${n.clinic_id}, ${n.user_id}, null, ${notice.kind},
        ${notice.title}, null, ${notice.link},
        ${`privacy-review/${n.grant_id}/${n.user_id}`}, ${n.created_at}, ${n.read_at}, null)`.execute(
      db,
    );
  await db.schema.dropTable('privacy_notifications').execute();
}
