import { recordAudit } from '../../store/audit.ts';
import type { Store } from '../../store/db.ts';
import { seedGoals, type DemoPeople } from './goals.ts';
import { seededRng } from './prng.ts';
import { seedJournal } from './journal.ts';
import { seedQuestionnaires } from './questionnaires.ts';
import type { DemoStory } from './stories.ts';
import { demoDays, Timeline } from './timeline.ts';

/**
 * Fill one demo client's six months in one transaction. Skipped (false) when the client
 * already has goals, so `stepwise demo` can run again without duplicating anything.
 */
export async function seedStory(
  store: Store,
  clinicId: string,
  story: DemoStory,
  now: Date,
): Promise<boolean> {
  const client = await store.db
    .selectFrom('clients')
    .innerJoin('users as u', 'u.id', 'clients.user_id')
    .innerJoin('users as t', 't.id', 'clients.primary_therapist_id')
    .select([
      'clients.id',
      'clients.time_zone',
      'u.id as user_id',
      't.id as therapist_id',
      't.name as therapist_name',
      't.email as therapist_email',
    ])
    .where('u.email', '=', story.email)
    .where('clients.clinic_id', '=', clinicId)
    .executeTakeFirst();
  if (!client) return false;
  // Silent for N days: nothing on the last N days, nor on the evening before them.
  const silent = story.silentDays ? story.silentDays + 1 : 0;
  const line = new Timeline(now, client.time_zone, demoDays - silent);
  const rng = seededRng(story.email);
  const people: DemoPeople = {
    clientId: client.id,
    clientUserId: client.user_id,
    therapist: {
      actor: {
        userId: client.therapist_id,
        clinicId,
        role: 'therapist',
        name: client.therapist_name,
        email: client.therapist_email,
        clientId: null,
      },
      actorId: client.therapist_id,
      ip: null,
      now,
    },
  };
  return store.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('goals')
      .select('id')
      .where('client_id', '=', client.id)
      .limit(1)
      .executeTakeFirst();
    if (existing) return false;
    await seedGoals(trx, story, people, line, rng);
    const alerts = await seedQuestionnaires(trx, story, people, line, rng);
    await seedJournal(trx, story, people, line, rng);
    await recordAudit(trx, store.dialect, { actorId: null, ip: null, now }, [
      { action: 'demo.seed', clientId: client.id, resource: `client/${client.id}` },
      ...alerts.map((id) => ({
        action: 'alert.raise',
        clientId: client.id,
        resource: `alert/${id}`,
      })),
    ]);
    return true;
  });
}
