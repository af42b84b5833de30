import { useQuery } from '@tanstack/react-query';
import type { GasView } from '../../../../src/contract/gas.ts';
import { get } from '../../api/http.ts';
import { DataTable } from '../../components/charts/data-table.tsx';
import { LineChart } from '../../components/charts/line-chart.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { dayIn, formatDateTime, formatDay, formatNumber } from '../../lib/format.ts';

/** The Goal Attainment Scaling T-score (50 = as expected) and how it moved. */
export function GasPanel({ clientId, timeZone }: { clientId: string; timeZone: string }) {
  const gas = useQuery({
    queryKey: ['gas', clientId],
    queryFn: ({ signal }) => get<GasView>(`/api/clients/${clientId}/gas`, signal),
  });
  return (
    <QueryState query={gas}>
      {(g) =>
        g.tScore === null ? (
          <Empty>{t.gas.none}</Empty>
        ) : (
          <div className="stack">
            <p>{t.gas.tScore(formatNumber(g.tScore, 2))}</p>
            {g.history.length > 1 && (
              <LineChart
                title={t.gas.chartTitle}
                summary={t.gas.chartSummary(g.history.length, formatNumber(g.tScore, 2))}
                points={g.history.map((h) => ({ x: Date.parse(h.at), y: h.tScore }))}
                yMin={20}
                yMax={80}
                formatX={(x) => formatDay(dayIn(new Date(x), timeZone))}
              />
            )}
            <DataTable
              caption={t.gas.chartTitle}
              columns={[t.gas.goal, t.gas.level, t.gas.weight, t.charts.date]}
              rows={g.goals.map((x) => [
                x.title,
                String(x.level),
                formatNumber(x.weight),
                formatDateTime(x.ratedAt, timeZone),
              ])}
            />
          </div>
        )
      }
    </QueryState>
  );
}
