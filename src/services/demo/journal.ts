import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { journalPrompts } from '../journal-prompts.ts';
import type { DemoPeople } from './goals.ts';
import type { Rng } from './prng.ts';
import type { DemoStory } from './stories.ts';
import { journalText } from './texts.ts';
import { demoDays, insertAll, type Timeline } from './timeline.ts';

/**
 * A journal on about one day in three while the client is engaged: mood follows the story,
 * about four in ten entries are private, a third answer a reflection prompt.
 */
export async function seedJournal(
  trx: Kysely<Database>,
  story: DemoStory,
  people: DemoPeople,
  line: Timeline,
  rng: Rng,
): Promise<void> {
  const rows: Database['journal_entries'][] = [];
  for (let i = 0; i <= line.lastActiveDay; i++) {
    const t = i / demoDays;
    const at = line.at(i, 21, rng.int(0, 59));
    if (!line.past(at) || !rng.chance(0.35 * story.engagement(t))) continue;
    const mood = Math.min(10, Math.max(0, Math.round(3 + 5 * story.progress(t) + rng.normal())));
    const visibility = rng.chance(0.6) ? 'shared' : 'private';
    const prompt = rng.chance(0.33) ? rng.pick(journalPrompts).text : null;
    rows.push({
      id: randomUUID(),
      client_id: people.clientId,
      body: journalText(rng, mood, visibility, prompt !== null),
      mood,
      prompt,
      visibility,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    });
  }
  await insertAll(trx, 'journal_entries', rows);
}
