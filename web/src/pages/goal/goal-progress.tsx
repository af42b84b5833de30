import { useQuery } from '@tanstack/react-query';
import type { GoalView } from '../../../../src/contract/goals.ts';
import type { CheckInList, ProgressView } from '../../../../src/contract/measurement.ts';
import { get } from '../../api/http.ts';
import { DataTable } from '../../components/charts/data-table.tsx';
import { LineChart, type Point } from '../../components/charts/line-chart.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { dayIn, formatDateTime, formatDay, formatNumber, formatPercent } from '../../lib/format.ts';

export function useProgress(goalId: string) {
  return useQuery({
    queryKey: ['progress', goalId],
    queryFn: ({ signal }) => get<ProgressView>(`/api/goals/${goalId}/progress`, signal),
  });
}

export function useCheckIns(clientId: string, measureId: string | null) {
  return useQuery({
    queryKey: ['check-ins', clientId, measureId],
    queryFn: ({ signal }) =>
      get<CheckInList>(`/api/clients/${clientId}/check-ins?measureId=${measureId}`, signal),
    enabled: measureId !== null,
  });
}

const dayMs = (day: string) => Date.parse(`${day}T12:00:00Z`);

/** The goal's measure over time against the straight line from baseline to target. */
export function GoalProgress({ goal, timeZone }: { goal: GoalView; timeZone: string }) {
  const progress = useProgress(goal.id);
  const checkIns = useCheckIns(goal.clientId, goal.measureId);
  const m = goal.measure;
  if (!m) return <Empty>{t.goal.noMeasure}</Empty>;
  return (
    <QueryState query={checkIns}>
      {(list) => {
        const points: Point[] = list.checkIns.map((c) => ({ x: Date.parse(c.at), y: c.value }));
        const line: [Point, Point] | undefined =
          goal.baseline !== null && goal.target !== null && goal.dueDate
            ? [
                { x: Date.parse(goal.createdAt), y: goal.baseline },
                { x: dayMs(goal.dueDate), y: goal.target },
              ]
            : undefined;
        const ys = [...points.map((p) => p.y), ...(line?.map((p) => p.y) ?? [])];
        const scale = m.kind === 'scale' || m.kind === 'yesno';
        const yMin = scale ? 0 : Math.min(0, ...ys);
        const yMax = m.kind === 'scale' ? 10 : m.kind === 'yesno' ? 1 : Math.max(1, ...ys) * 1.1;
        const p = progress.data;
        return (
          <div className="stack">
            {p && (
              <p>
                {p.latest
                  ? t.goal.latest(formatNumber(p.latest.value), m.unit ?? '')
                  : t.goal.noLatest}
                {p.percentToTarget !== null &&
                  ` · ${t.goal.percentToTarget(formatPercent(p.percentToTarget))}`}
                {p.onTrack !== null && (
                  <span className={`badge ${p.onTrack ? 'badge-ok' : 'badge-warn'}`}>
                    {p.onTrack ? `✓ ${t.goal.onTrack}` : `⤳ ${t.goal.offTrack}`}
                  </span>
                )}{' '}
                <span className="muted">{t.caseload.direction[p.trend.direction]}</span>
              </p>
            )}
            {p?.reliableChange && <p>{t.reliability.sinceBaseline(p.reliableChange)}</p>}
            {points.length === 0 ? (
              <Empty>{t.charts.noData}</Empty>
            ) : (
              <>
                <LineChart
                  title={t.goal.chartTitle(m.name)}
                  summary={t.goal.chartSummary(
                    m.name,
                    points.length,
                    p?.latest ? formatNumber(p.latest.value) : '–',
                    goal.target,
                  )}
                  points={points}
                  yMin={yMin}
                  yMax={yMax}
                  targetLine={line}
                  formatX={(x) => formatDay(dayIn(new Date(x), timeZone))}
                  formatY={(y) => formatNumber(y)}
                  legend={line ? <span>{t.charts.targetLine}</span> : undefined}
                />
                <DataTable
                  caption={t.goal.chartTitle(m.name)}
                  columns={[t.charts.date, t.charts.value, t.charts.note]}
                  rows={list.checkIns.map((c) => [
                    formatDateTime(c.at, timeZone),
                    formatNumber(c.value),
                    c.note ?? '',
                  ])}
                />
              </>
            )}
          </div>
        );
      }}
    </QueryState>
  );
}
