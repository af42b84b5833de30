import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/services/demo.ts';
import type { Store } from '../../src/store/db.ts';
import { demoCensus, expectDemoStories, riskAnswers } from '../support/demo-census.ts';
import { engines } from '../support/engines.ts';
import { isolatedDatabase, type IsolatedDatabase } from '../support/isolated-database.ts';

/** The demo's values in a comparable form: ids are random, everything else is seeded. */
async function values(store: Store) {
  const checkIns = await store.db
    .selectFrom('check_ins')
    .innerJoin('measures', 'measures.id', 'check_ins.measure_id')
    .select(['measures.name', 'check_ins.at', 'check_ins.value', 'check_ins.note'])
    .orderBy('check_ins.at')
    .orderBy('measures.name')
    .execute();
  const questionnaires = await store.db
    .selectFrom('questionnaire_responses')
    .select(['instrument', 'completed_at', 'answers', 'total'])
    .orderBy('completed_at')
    .execute();
  const journal = await store.db
    .selectFrom('journal_entries')
    .select(['created_at', 'body', 'mood', 'visibility'])
    .orderBy('created_at')
    .execute();
  return { checkIns, questionnaires, journal };
}

for (const engine of engines()) {
  describe(`stepwise demo [${engine}]`, () => {
    const dbs: IsolatedDatabase[] = [];
    const stores: Store[] = [];
    beforeAll(async () => {
      for (let i = 0; i < 2; i++) {
        const db = await isolatedDatabase(engine);
        dbs.push(db);
        stores.push(db.open());
      }
    });
    afterAll(async () => {
      for (const s of stores) await s.close();
      for (const d of dbs) await d.drop();
    });

    it('fills six months of each story, the same again for the same day, and only once', async () => {
      const [a, b] = stores as [Store, Store];
      const now = new Date('2026-05-20T18:00:00.000Z');
      expect((await seedDemo(a, now)).seeded).toBe(5);
      const census = await demoCensus(a.db);
      expectDemoStories(census, now);
      const [answers] = await riskAnswers(a.db);
      expect(answers).toHaveLength(9);
      expect(answers![8]).toBe(1);

      const later = new Date(now.getTime() + 3_600_000);
      expect((await seedDemo(a, later)).seeded).toBe(0);
      expect(await demoCensus(a.db)).toEqual(census);

      await seedDemo(b, now);
      expect(await values(b)).toEqual(await values(a));
    });
  });
}
