import { useQuery } from '@tanstack/react-query';
import type { OutcomesView, QuestionnaireView } from '../../../../src/contract/questionnaires.ts';
import type { Instrument } from '../../../../src/domain/instruments/types.ts';
import { get } from '../../api/http.ts';
import { useQuestionnaires } from '../../api/queries.ts';
import { DataTable } from '../../components/charts/data-table.tsx';
import { LineChart } from '../../components/charts/line-chart.tsx';
import { SeverityBadge } from '../../components/status-badge.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { dayIn, formatDateTime, formatDay } from '../../lib/format.ts';

interface Props {
  clientId: string;
  timeZone: string;
}

/** PHQ-9 and GAD-7 over time, severity bands shaded, reliable change ringed and said in words. */
export function OutcomesCharts({ clientId, timeZone }: Props) {
  const responses = useQuestionnaires(clientId);
  const outcomes = useQuery({
    queryKey: ['outcomes', clientId],
    queryFn: ({ signal }) => get<OutcomesView>(`/api/clients/${clientId}/outcomes`, signal),
  });
  const instruments = useQuery({
    queryKey: ['instruments'],
    queryFn: ({ signal }) => get<{ instruments: Instrument[] }>('/api/instruments', signal),
    staleTime: Infinity,
  });
  return (
    <QueryState query={responses}>
      {(d) =>
        d.questionnaires.length === 0 ? (
          <Empty>{t.outcomes.none}</Empty>
        ) : (
          <div className="grid-2">
            {(instruments.data?.instruments ?? []).map((ins) => (
              <OneInstrument
                key={ins.id}
                instrument={ins}
                responses={d.questionnaires.filter((q) => q.instrument === ins.id)}
                outcome={outcomes.data?.[ins.id]}
                timeZone={timeZone}
              />
            ))}
          </div>
        )
      }
    </QueryState>
  );
}

function OneInstrument({
  instrument,
  responses,
  outcome,
  timeZone,
}: {
  instrument: Instrument;
  responses: QuestionnaireView[];
  outcome: OutcomesView['phq9'];
  timeZone: string;
}) {
  if (responses.length === 0) return null;
  const sorted = [...responses].sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  const lastIndex = sorted.length - 1;
  const reliable = outcome && (outcome.reliableImprovement || outcome.reliableDeterioration);
  const latest = sorted[lastIndex];
  return (
    <section aria-labelledby={`out-${instrument.id}`}>
      <h3 id={`out-${instrument.id}`}>{instrument.shortTitle}</h3>
      {latest && (
        <p className="badges">
          {t.outcomes.latest(latest.total, instrument.maxTotal)}{' '}
          <SeverityBadge severity={latest.severity} />
          {latest.riskFlag && <span className="badge badge-danger">⚠ {t.outcomes.riskItem}</span>}
          {outcome?.reliableImprovement && (
            <span className="badge badge-ok">↓ {t.outcomes.reliableImprovement}</span>
          )}
          {outcome?.reliableDeterioration && (
            <span className="badge badge-danger">↑ {t.outcomes.reliableDeterioration}</span>
          )}
        </p>
      )}
      {outcome && (
        <p className="small muted">
          {t.outcomes.change(outcome.first, outcome.latest, outcome.change)}
        </p>
      )}
      <LineChart
        title={t.outcomes.chartTitle(instrument.shortTitle)}
        summary={t.outcomes.chartSummary(instrument.shortTitle, sorted.length, latest?.total ?? 0)}
        points={sorted.map((r) => ({ x: Date.parse(r.completedAt), y: r.total }))}
        yMin={0}
        yMax={instrument.maxTotal}
        bands={instrument.bands.map((b) => ({
          from: b.min,
          to: b.max + 1,
          label: t.severity(b.severity),
          className: `band-${b.severity.replace(' ', '-')}`,
        }))}
        marked={reliable ? new Set([lastIndex]) : undefined}
        formatX={(x) => formatDay(dayIn(new Date(x), timeZone))}
        legend={reliable ? <span>{t.outcomes.ringLegend}</span> : undefined}
      />
      <DataTable
        caption={t.outcomes.chartTitle(instrument.shortTitle)}
        columns={[t.charts.date, t.outcomes.total, t.outcomes.severity, t.outcomes.item9]}
        rows={sorted.map((r) => [
          formatDateTime(r.completedAt, timeZone),
          String(r.total),
          t.severity(r.severity),
          r.riskFlag ? t.outcomes.yes : t.outcomes.no,
        ])}
      />
    </section>
  );
}
