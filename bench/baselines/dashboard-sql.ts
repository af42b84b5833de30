/**
 * The caseload dashboard's figures in one SQL statement per engine — for each active measured
 * goal of the therapist's clients: the latest value, the 7- and 28-day averages and the
 * least-squares slope per week over 28 days. What the issue calls "the dashboard's SQL alone":
 * no session, policy, audit, domain rules or presentation. Parameters: therapist user id,
 * clinic id, now, now − 7 days, now − 28 days (ISO instants).
 */
const perGoal = (days: string, p: '$' | '@p') => `
with mine as (
  select g.id as goal_id, g.client_id, g.measure_id
  from care_team ct
  join clients c on c.id = ct.client_id
  join goals g on g.client_id = c.id
  where ct.user_id = ${p}1 and c.clinic_id = ${p}2 and g.status = 'active' and g.measure_id is not null
),
pts as (
  select m.goal_id, ci.at, ci.value, ${days} as x
  from mine m join check_ins ci on ci.measure_id = m.measure_id and ci.at >= ${p}5
)
select m.goal_id, m.client_id,
  (select l.value from check_ins l where l.measure_id = m.measure_id
    order by l.at desc limit 1) as latest,
  avg(case when p.at >= ${p}4 then p.value end) as average7,
  avg(p.value) as average28,
  7 * (count(p.x) * sum(p.x * p.value) - sum(p.x) * sum(p.value))
    / nullif(count(p.x) * sum(p.x * p.x) - sum(p.x) * sum(p.x), 0) as slope_per_week
from mine m left join pts p on p.goal_id = m.goal_id
group by m.goal_id, m.client_id, m.measure_id`;

export const dashboardSql = {
  // better-sqlite3 binds numbered parameters by name: @p1 … @p5 from { p1, …, p5 }.
  sqlite: perGoal('(julianday(ci.at) - julianday(@p3))', '@p'),
  postgres: perGoal('extract(epoch from (ci.at::timestamptz - $3::timestamptz)) / 86400.0', '$'),
};
