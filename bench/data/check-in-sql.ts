import type { DialectName } from '../../src/store/dialect.ts';
import { arrival, checkInColumns, type Network, type Row } from './network.ts';

/**
 * The network's check-ins made by the database itself, a day per statement: `INSERT … SELECT`
 * over a small table of the goals (`bench_goals`, one row each, with the client's drift and
 * noise), each day's rows in a fresh random order, as they arrive in real life. No row crosses
 * from Node to the server, which is what made the build slow: generating and binding 8.76 M
 * rows in JavaScript took longer than storing them. The same shape as `checkInDays` (the rows
 * the plain-rate baseline sends): one check-in per goal per day between 11:00 and 16:59 UTC,
 * values drifting with uniform noise, a note on one in twenty, time-ordered (v7) ids.
 * Dialect-specific SQL of the bench's builders lives here.
 */
export const goalsTable = {
  name: 'bench_goals',
  columns: ['client_id', 'measure_id', 'user_id', 'is_scale', 'start', 'drift', 'noise'],
};

export function goalRows(net: Network): Row[] {
  return net.goals.map((g) => [
    g.clientId,
    g.measureId,
    g.clientUserId,
    g.kind === 'scale' ? 1 : 0,
    g.start,
    g.drift,
    g.noise,
  ]);
}

export const createGoalsTable = `create table ${goalsTable.name} (client_id text not null,
  measure_id text not null, user_id text not null, is_scale integer not null,
  start double precision not null, drift double precision not null, noise double precision not null)`;

/** The parameters of one day's statement: its index, its first millisecond and its date. */
export function dayParams(net: Network, d: number): { d: number; dayMs: number; day: string } {
  const dayMs = net.firstDay.getTime() + d * 86_400_000;
  return { d, dayMs, day: new Date(dayMs).toISOString().slice(0, 10) };
}

const into = `insert into check_ins (${checkInColumns.join(', ')})`;
const from = arrival.fromHourUtc * 3600;
const note = `'${arrival.note.replaceAll("'", "''")}'`;

/**
 * SQLite: @d is the day's index, @dayMs its first millisecond, @day its date. The random
 * draws are made once per row in a materialized CTE (a flattened subquery would draw again at
 * each use), then the rows are inserted in the order of one of them.
 */
const sqliteDay = `with r as materialized (
  select client_id, measure_id, user_id, is_scale,
    start + drift * @d + ((random() & 4294967295) / 4294967296.0 - 0.5) * 2 * noise as raw,
    (random() & 9223372036854775807) % ${arrival.seconds} as sec,
    (random() & 4294967295) / 4294967296.0 < ${arrival.noteShare} as noted,
    lower(hex(randomblob(9))) as rnd, substr('89ab', 1 + (random() & 3), 1) as variant,
    random() as k
  from ${goalsTable.name}
), t as materialized (
  select r.*, @dayMs + (${from} + sec) * 1000 as ms from r
), u as materialized (
  select t.*, printf('%08x-%04x-7%s-%s%s-%s', ms >> 16, ms & 65535, substr(rnd, 1, 3), variant,
      substr(rnd, 4, 3), substr(rnd, 7, 12)) as id,
    @day || 'T' || time(${from} + sec, 'unixepoch') || '.000Z' as at
  from t
)
${into}
select id, client_id, measure_id,
  case when is_scale then min(10, max(0, round(raw))) else max(0, round(raw)) end,
  at, @day, at, case when noted then ${note} end, user_id,
  replace(id, '-', '') || replace(id, '-', '')
from u order by k`;

/** PostgreSQL: $1 the day's index, $2 its first millisecond, $3 its date. */
const postgresDay = `${into}
select id, client_id, measure_id, value, at, $3::text, at, note, user_id,
  replace(id, '-', '') || replace(id, '-', '')
from (
  select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(rnd, 1, 3) || '-' || variant
      || substr(rnd, 4, 3) || '-' || substr(rnd, 7, 12) as id,
    client_id, measure_id, user_id, k,
    case when is_scale = 1 then least(10, greatest(0, round(raw))) else greatest(0, round(raw)) end
      as value,
    $3::text || 'T' || to_char(make_interval(secs => ${from} + sec), 'HH24:MI:SS') || '.000Z' as at,
    case when noted then ${note} end as note
  from (
    select client_id, measure_id, user_id, is_scale, raw, sec, noted, rnd, variant, k,
      lpad(to_hex($2::bigint + (${from} + sec) * 1000), 12, '0') as h
    from (
      select client_id, measure_id, user_id, is_scale,
        start + drift * $1::int + (random() - 0.5) * 2 * noise as raw,
        floor(random() * ${arrival.seconds})::int as sec,
        random() < ${arrival.noteShare} as noted,
        md5(random()::text) as rnd, substr('89ab', 1 + floor(random() * 4)::int, 1) as variant,
        random() as k
      from ${goalsTable.name}
      offset 0 -- a fence: every random draw is made once per row
    ) drawn
  ) timed
) made
order by k`;

export const checkInDaySql: Record<DialectName, string> = {
  sqlite: sqliteDay,
  postgres: postgresDay,
};
