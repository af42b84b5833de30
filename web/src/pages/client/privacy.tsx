import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { DirectiveList, DirectiveView } from '../../../../src/contract/consent.ts';
import type { JournalPage } from '../../../../src/contract/journal.ts';
import { get, send } from '../../api/http.ts';
import { useClientRecord, useGoals, useQuestionnaires } from '../../api/queries.ts';
import { useUser } from '../../api/session.tsx';
import { ChangeStatus, StaffSelect } from '../../components/consent-parts.tsx';
import { Field } from '../../components/field.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

interface Choice {
  /** `scope` or `scope:resourceId`, the select's value. */
  value: string;
  label: string;
}

/** What a client can withhold: the whole record, each goal, each shared entry, each questionnaire. */
function useChoices(clientId: string, timeZone: string): Choice[] {
  const goals = useGoals(clientId);
  const journal = useQuery({
    queryKey: ['journal', clientId, 'privacy'],
    queryFn: ({ signal }) => get<JournalPage>(`/api/clients/${clientId}/journal?limit=200`, signal),
  });
  const questionnaires = useQuestionnaires(clientId);
  return [
    { value: 'record', label: t.privacy.wholeRecord },
    ...(goals.data?.goals ?? []).map((g) => ({
      value: `goal:${g.id}`,
      label: t.privacy.goal(g.title),
    })),
    // A private entry is already yours alone: only shared ones can be withheld.
    ...(journal.data?.entries ?? [])
      .filter((e) => e.visibility === 'shared')
      .map((e) => ({
        value: `journal:${e.id}`,
        label: t.privacy.journal(e.body, formatDateTime(e.createdAt, timeZone)),
      })),
    ...(questionnaires.data?.questionnaires ?? []).map((q) => ({
      value: `questionnaire:${q.id}`,
      label: t.privacy.questionnaire(q.instrument, formatDateTime(q.completedAt, timeZone)),
    })),
  ];
}

function describe(d: DirectiveView, choices: Choice[]): string {
  if (d.scope === 'record') return t.privacy.wholeRecord;
  return (
    choices.find((c) => c.value === `${d.scope}:${d.resourceId}`)?.label ??
    t.privacy.removedEntry(d.scope)
  );
}

/** The client's lockbox: withhold parts of their record from staff, and show them again. */
export function PrivacyPage() {
  usePageTitle(t.privacy.title);
  const user = useUser();
  const clientId = user.clientId ?? '';
  const timeZone = useClientRecord(clientId).data?.timeZone ?? 'UTC';
  const queryClient = useQueryClient();
  const key = ['consent-directives', clientId];
  const directives = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      get<DirectiveList>(`/api/clients/${clientId}/consent-directives`, signal),
  });
  const choices = useChoices(clientId, timeZone);
  const [what, setWhat] = useState('');
  const [from, setFrom] = useState('');
  const [done, setDone] = useState('');

  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const withhold = useMutation({
    mutationFn: (body: unknown) =>
      send<DirectiveView>('POST', `/api/clients/${clientId}/consent-directives`, body),
    onSuccess: () => {
      setDone(t.privacy.withheldNow);
      setWhat('');
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      send<DirectiveView>('POST', `/api/consent-directives/${id}/revoke`, {}),
    onSuccess: () => {
      setDone(t.privacy.shownAgain);
      refresh();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!what) return;
    const [scope, resourceId] = what.split(':');
    setDone('');
    withhold.mutate({
      scope,
      ...(resourceId ? { resourceId } : {}),
      ...(from ? { staffUserId: from } : {}),
    });
  }

  return (
    <div className="stack">
      <h1>{t.privacy.title}</h1>
      <p>{t.privacy.intro}</p>
      <p className="muted">{t.privacy.safety}</p>
      <QueryState query={directives}>
        {(data) => {
          const active = data.directives.filter((d) => d.active);
          return (
            <>
              <form className="card stack" onSubmit={submit} noValidate>
                <h2>{t.privacy.formTitle}</h2>
                <Field label={t.privacy.what}>
                  {(a) => (
                    <select {...a} value={what} onChange={(e) => setWhat(e.target.value)}>
                      <option value="">{t.privacy.choose}</option>
                      {choices.map((c) => (
                        <option key={c.value} value={c.value}>
                          {c.label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <StaffSelect staff={data.staff} value={from} onChange={setFrom} />
                <button
                  type="submit"
                  className="button primary"
                  disabled={!what || withhold.isPending}
                >
                  {withhold.isPending ? t.states.saving : t.privacy.withhold}
                </button>
              </form>
              <ChangeStatus done={done} error={withhold.error ?? revoke.error} />
              <h2>{t.privacy.listTitle}</h2>
              {active.length === 0 ? (
                <Empty>{t.privacy.none}</Empty>
              ) : (
                <ul className="plain-list stack">
                  {active.map((d) => (
                    <li key={d.id} className="card stack">
                      <p>
                        <strong>{describe(d, choices)}</strong>
                      </p>
                      <p className="muted">
                        {t.privacy.withheldFrom(d.staff?.name ?? t.privacy.everyone)} ·{' '}
                        {formatDateTime(d.createdAt, timeZone)}
                      </p>
                      <button
                        type="button"
                        className="button secondary"
                        onClick={() => {
                          setDone('');
                          revoke.mutate(d.id);
                        }}
                        disabled={revoke.isPending}
                        aria-label={t.privacy.showAgainFor(describe(d, choices))}
                      >
                        {t.privacy.showAgain}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
