import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { MeasureView } from '../../../../src/contract/goals.ts';
import { patchMeasureBody } from '../../../../src/contract/measurement.ts';
import type { OutcomesView } from '../../../../src/contract/questionnaires.ts';
import { errorText, get, send } from '../../api/http.ts';
import { useMeasures } from '../../api/queries.ts';
import { Field } from '../../components/field.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatNumber } from '../../lib/format.ts';

/**
 * Custom measures with the SD and reliability that give their reliable change (SPEC §4), and
 * each one's first → latest change against it.
 */
export function MeasureReliability({ clientId }: { clientId: string }) {
  const measures = useMeasures(clientId);
  const outcomes = useQuery({
    queryKey: ['outcomes', clientId],
    queryFn: ({ signal }) => get<OutcomesView>(`/api/clients/${clientId}/outcomes`, signal),
  });
  return (
    <QueryState query={measures}>
      {(d) =>
        d.measures.length === 0 ? (
          <Empty>{t.reliability.noMeasures}</Empty>
        ) : (
          <ul className="plain-list stack">
            {d.measures.map((m) => (
              <li key={m.id}>
                <OneMeasure
                  clientId={clientId}
                  measure={m}
                  outcome={outcomes.data?.measures?.find((o) => o.measureId === m.id)}
                />
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}

function OneMeasure({
  clientId,
  measure,
  outcome,
}: {
  clientId: string;
  measure: MeasureView;
  outcome: NonNullable<OutcomesView['measures']>[number] | undefined;
}) {
  const queryClient = useQueryClient();
  const [sd, setSd] = useState(measure.sd === null ? '' : String(measure.sd));
  const [reliability, setReliability] = useState(
    measure.reliability === null ? '' : String(measure.reliability),
  );
  const [problem, setProblem] = useState<{ field: string; message: string } | undefined>();
  const save = useMutation({
    mutationFn: (body: unknown) => send<MeasureView>('PATCH', `/api/measures/${measure.id}`, body),
    onSuccess: () =>
      Promise.all(
        [['measures', clientId], ['outcomes', clientId], ['progress']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  });
  const number = (s: string) => (s.trim() === '' ? null : Number(s));
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = patchMeasureBody.safeParse({ sd: number(sd), reliability: number(reliability) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return setProblem({ field: String(issue?.path[0] ?? 'sd'), message: issue?.message ?? '' });
    }
    setProblem(undefined);
    save.mutate(parsed.data);
  }
  const serverError = save.error ? errorText(save.error) : undefined;
  return (
    <form
      className="inline-form"
      onSubmit={submit}
      noValidate
      aria-label={t.reliability.formLabel(measure.name)}
    >
      <strong>{measure.name}</strong>
      <Field label={t.reliability.sd} error={problem?.field === 'sd' ? problem.message : undefined}>
        {(a) => (
          <input {...a} inputMode="decimal" value={sd} onChange={(e) => setSd(e.target.value)} />
        )}
      </Field>
      <Field
        label={t.reliability.reliability}
        hint={t.reliability.reliabilityHint}
        error={problem?.field === 'reliability' ? problem.message : serverError}
      >
        {(a) => (
          <input
            {...a}
            inputMode="decimal"
            value={reliability}
            onChange={(e) => setReliability(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={save.isPending}>
        {t.reliability.save}
      </button>
      <p role="status" className="muted">
        {measure.reliableChangeThreshold === null
          ? t.reliability.notSet
          : t.reliability.threshold(formatNumber(measure.reliableChangeThreshold, 2))}
        {outcome && ` ${t.reliability.change(outcome)}`}
      </p>
    </form>
  );
}
