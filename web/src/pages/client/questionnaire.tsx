import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { QuestionnaireSubmitted } from '../../../../src/contract/questionnaires.ts';
import type { Instrument } from '../../../../src/domain/instruments/types.ts';
import { errorText, get, send } from '../../api/http.ts';
import { useUser } from '../../api/session.tsx';
import { CrisisResources, useClinicSettings } from '../../components/crisis-resources.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

/** PHQ-9 item 9 (thoughts of being better off dead or of self-harm): index 8. */
const riskItem = 8;

/** A questionnaire one item per screen, with the exact wording from GET /api/instruments. */
export function QuestionnairePage() {
  const { instrument: id } = useParams();
  const user = useUser();
  const queryClient = useQueryClient();
  const instruments = useQuery({
    queryKey: ['instruments'],
    queryFn: ({ signal }) => get<{ instruments: Instrument[] }>('/api/instruments', signal),
    staleTime: Infinity,
  });
  useClinicSettings(); // load the crisis text now, before anyone needs it
  const instrument = instruments.data?.instruments.find((i) => i.id === id);
  usePageTitle(instrument?.shortTitle ?? t.questionnaire.title);
  const [answers, setAnswers] = useState<(number | undefined)[]>([]);
  const [index, setIndex] = useState(0);
  const submit = useMutation({
    mutationFn: (body: { instrument: string; answers: number[] }) =>
      send<QuestionnaireSubmitted>('POST', `/api/clients/${user.clientId}/questionnaires`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['questionnaires-due'] }),
  });

  if (instruments.isPending) return <Loading />;
  if (instruments.error)
    return <ErrorState error={instruments.error} onRetry={() => void instruments.refetch()} />;
  if (!instrument) return <ErrorState error={new Error(t.questionnaire.unknown)} />;

  const atRisk = instrument.id === 'phq9' && (answers[riskItem] ?? 0) > 0;

  if (submit.data) {
    const r = submit.data;
    return (
      <div className="stack">
        <h1>{t.questionnaire.thanks}</h1>
        {(r.riskFlag || atRisk) && <CrisisResources text={r.crisis} />}
        <p>
          {t.questionnaire.result(
            instrument.shortTitle,
            r.total,
            instrument.maxTotal,
            t.severity(r.severity),
          )}
        </p>
        <Link to="/" className="button primary">
          {t.questionnaire.backToToday}
        </Link>
      </div>
    );
  }

  const item = instrument.items[index];
  const count = instrument.items.length;
  const chosen = answers[index];
  const last = index === count - 1;
  const complete = answers.length === count && answers.every((a) => a !== undefined);

  return (
    <div className="questionnaire stack">
      <h1>{instrument.title}</h1>
      {atRisk && <CrisisResources />}
      <form
        className="card stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen === undefined) return;
          if (!last) setIndex(index + 1);
          else if (complete)
            submit.mutate({ instrument: instrument.id, answers: answers as number[] });
        }}
      >
        <p className="muted" aria-live="polite">
          {t.questionnaire.progress(index + 1, count)}
        </p>
        <progress max={count} value={index + 1} aria-hidden="true" />
        <fieldset key={index}>
          <legend>
            <span className="preamble">{instrument.preamble}</span>
            <strong className="item-text">{item?.text}</strong>
          </legend>
          <div className="options">
            {instrument.answers.map((o) => (
              <label key={o.code} className={`option${chosen === o.value ? ' chosen' : ''}`}>
                <input
                  type="radio"
                  name={`item-${index}`}
                  value={o.value}
                  checked={chosen === o.value}
                  onChange={() => {
                    const next = [...answers];
                    next[index] = o.value;
                    setAnswers(next);
                  }}
                />
                {o.display}
              </label>
            ))}
          </div>
        </fieldset>
        {submit.error && (
          <p className="error-text" role="alert">
            ⚠ {errorText(submit.error)}
          </p>
        )}
        <div className="row">
          {index > 0 && (
            <button type="button" className="button" onClick={() => setIndex(index - 1)}>
              {t.questionnaire.back}
            </button>
          )}
          <button
            type="submit"
            className="button primary"
            disabled={chosen === undefined || submit.isPending}
          >
            {last
              ? submit.isPending
                ? t.states.saving
                : t.questionnaire.submit
              : t.questionnaire.next}
          </button>
        </div>
      </form>
    </div>
  );
}
