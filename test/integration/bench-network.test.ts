import { describe, expect, it } from 'vitest';
import { buildPostgres } from '../../bench/data/pg-builder.ts';
import { buildSqlite } from '../../bench/data/sqlite-builder.ts';
import { arrival, buildNetwork, checkInCount, type Shape } from '../../bench/data/network.ts';
import { queryRows } from '../../bench/lib/query.ts';
import { engines } from '../support/engines.ts';
import { isolatedDatabase } from '../support/isolated-database.ts';

/**
 * The bench's network builders make the check-ins in SQL, one dialect each (check-in-sql.ts):
 * both must make the data the dashboard is measured on — one check-in per goal per day, in
 * the arrival window, each day in its own random order, values on the goal's drift within its
 * noise, time-ordered ids — and leave the schema as the product's migrations made it.
 */
const shape: Shape = {
  therapists: 1,
  clientsPerTherapist: 4,
  goalsPerClient: 3,
  days: 20,
  questionnaireEveryDays: 14,
};

interface CheckIn {
  id: string;
  measure_id: string;
  client_id: string;
  entered_by: string;
  value: number;
  at: string;
  local_date: string;
  received_at: string;
  note: string | null;
  body_hash: string;
}

for (const engine of engines()) {
  describe(`bench network builder [${engine}]`, () => {
    it('makes every check-in of the network with the shape the dashboard is measured on', async () => {
      const db = await isolatedDatabase(engine);
      const now = new Date();
      const net = buildNetwork(shape, 'not a real hash', now);
      const build = engine === 'sqlite' ? buildSqlite : buildPostgres;
      const made = await build(db.url, net, 0.05, () => {});
      expect(made.build.rows).toBe(checkInCount(shape));

      // Insertion order: rowid on SQLite, the heap's order on a fresh PostgreSQL table.
      const order = engine === 'sqlite' ? 'rowid' : 'ctid';
      const rows = await queryRows<CheckIn>(db.url, `select * from check_ins order by ${order}`);
      expect(rows).toHaveLength(checkInCount(shape));

      const days = Array.from({ length: shape.days }, (_, d) =>
        new Date(net.firstDay.getTime() + d * 86_400_000).toISOString().slice(0, 10),
      );
      expect(days.at(-1)).toBe(new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10));
      const goals = new Map(net.goals.map((g) => [g.measureId, g]));
      const seen = new Set<string>();
      for (const r of rows) {
        const goal = goals.get(r.measure_id)!;
        expect(goal).toBeDefined();
        expect([r.client_id, r.entered_by]).toEqual([goal.clientId, goal.clientUserId]);
        const key = `${r.measure_id}|${r.local_date}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);

        const d = days.indexOf(r.local_date);
        expect(d).toBeGreaterThanOrEqual(0);
        const at = Date.parse(r.at);
        const fromWindow =
          at - Date.parse(`${r.local_date}T00:00:00.000Z`) - arrival.fromHourUtc * 3_600_000;
        expect(fromWindow).toBeGreaterThanOrEqual(0);
        expect(fromWindow).toBeLessThan(arrival.seconds * 1000);
        expect(r.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
        expect(r.received_at).toBe(r.at);

        // A version 7 id carrying the check-in's millisecond; the hash field is its hex twice.
        expect(r.id).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(parseInt(r.id.replaceAll('-', '').slice(0, 12), 16)).toBe(at);
        expect(r.body_hash).toBe(r.id.replaceAll('-', '').repeat(2));
        expect([null, arrival.note]).toContain(r.note);

        // On the goal's drift, within its noise (and rounding), a 0–10 scale clamped.
        const expected = goal.start + goal.drift * d;
        const low = Math.max(0, Math.round(expected - goal.noise) - 1);
        const high = Math.round(expected + goal.noise) + 1;
        expect(r.value).toBeGreaterThanOrEqual(low);
        expect(r.value).toBeLessThanOrEqual(goal.kind === 'scale' ? Math.min(10, high) : high);
        expect(Number.isInteger(Number(r.value))).toBe(true);
      }
      expect(seen.size).toBe(checkInCount(shape));
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);

      // Each day arrives in its own order: not the goals' order, and not the same every day.
      const goalOrder = net.goals.map((g) => g.measureId).join();
      const orders = days.map((day) =>
        rows
          .filter((r) => r.local_date === day)
          .map((r) => r.measure_id)
          .join(),
      );
      expect(orders.filter((o) => o === goalOrder).length).toBeLessThan(2);
      expect(new Set(orders).size).toBeGreaterThan(days.length / 2);

      // The schema is the product's again: its indexes back, the helper table gone.
      const indexes = await queryRows<{ name: string }>(
        db.url,
        engine === 'sqlite'
          ? "select name from sqlite_master where type = 'index' and tbl_name = 'check_ins'"
          : "select indexname as name from pg_indexes where tablename = 'check_ins'",
      );
      expect(indexes.map((i) => i.name)).toEqual(
        expect.arrayContaining(['check_ins_client_at', 'check_ins_measure_at_value']),
      );
      const helper = await queryRows(
        db.url,
        engine === 'sqlite'
          ? "select name from sqlite_master where name = 'bench_goals'"
          : "select tablename from pg_tables where tablename = 'bench_goals'",
      );
      expect(helper).toEqual([]);
      if (engine === 'sqlite') {
        const [mode] = await queryRows<{ journal_mode: string }>(db.url, 'pragma journal_mode');
        expect(mode?.journal_mode).toBe('wal');
      }
      await db.drop();
    });
  });
}
