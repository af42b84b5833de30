import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  createJournalBody,
  type JournalEntryView,
  type JournalPage,
  type JournalPrompt,
} from '../../../../src/contract/journal.ts';
import { errorText, get, send } from '../../api/http.ts';
import { useClientRecord, useGoals } from '../../api/queries.ts';
import { useUser } from '../../api/session.tsx';
import { PlanOutcomes } from '../../components/check-in/plan-outcome.tsx';
import { Field, fieldErrors } from '../../components/field.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

export function VisibilityBadge({ visibility }: { visibility: 'private' | 'shared' }) {
  return visibility === 'private' ? (
    <span className="badge badge-plain">{t.journal.private}</span>
  ) : (
    <span className="badge badge-info">{t.journal.shared}</span>
  );
}

export function JournalEntry({ entry, timeZone }: { entry: JournalEntryView; timeZone: string }) {
  return (
    <li className={`card journal-entry journal-${entry.visibility}`}>
      <div className="spread">
        <time dateTime={entry.createdAt} className="muted small">
          {formatDateTime(entry.createdAt, timeZone)}
        </time>
        <VisibilityBadge visibility={entry.visibility} />
      </div>
      {entry.prompt && <p className="muted small">{entry.prompt}</p>}
      <p className="entry-body">{entry.body}</p>
      {entry.mood !== null && <p className="small">{t.journal.moodValue(entry.mood)}</p>}
    </li>
  );
}

/** After an entry is saved: did one of the client's if–then plans come up in it, and did it work? */
function PlansForEntry({ clientId, entryId }: { clientId: string; entryId: string }) {
  const goals = useGoals(clientId);
  const plans = (goals.data?.goals ?? [])
    .filter((g) => g.status === 'active' || g.sustaining)
    .flatMap((g) => g.plans);
  if (plans.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="entry-plans-h">
      <h2 id="entry-plans-h">{t.ifThen.journalHeading}</h2>
      <p className="muted small">{t.ifThen.journalIntro}</p>
      <PlanOutcomes plans={plans} clientId={clientId} link={{ journalEntryId: entryId }} />
    </section>
  );
}

function NewEntry({ clientId }: { clientId: string }) {
  const queryClient = useQueryClient();
  const prompts = useQuery({
    queryKey: ['journal-prompts'],
    queryFn: ({ signal }) => get<{ prompts: JournalPrompt[] }>('/api/journal/prompts', signal),
    staleTime: Infinity,
  });
  const [body, setBody] = useState('');
  const [prompt, setPrompt] = useState('');
  const [mood, setMood] = useState('');
  const [visibility, setVisibility] = useState<'private' | 'shared'>('private');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (b: unknown) =>
      send<JournalEntryView>('POST', `/api/clients/${clientId}/journal`, b),
    onSuccess: () => {
      setBody('');
      setPrompt('');
      setMood('');
      void queryClient.invalidateQueries({ queryKey: ['journal', clientId] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createJournalBody.safeParse({
      body,
      visibility,
      ...(prompt ? { prompt } : {}),
      ...(mood !== '' ? { mood: Number(mood) } : {}),
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    save.mutate(parsed.data);
  }
  return (
    <>
      <form className="card stack" onSubmit={submit} noValidate aria-labelledby="new-entry-h">
        <h2 id="new-entry-h">{t.journal.write}</h2>
        <Field label={t.journal.prompt} hint={t.journal.promptHint}>
          {(a) => (
            <select {...a} value={prompt} onChange={(e) => setPrompt(e.target.value)}>
              <option value="">{t.journal.noPrompt}</option>
              {prompts.data?.prompts.map((p) => (
                <option key={p.id} value={p.text}>
                  {p.text}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.journal.entry} error={errors.body}>
          {(a) => (
            <textarea {...a} rows={6} value={body} onChange={(e) => setBody(e.target.value)} />
          )}
        </Field>
        <Field label={t.journal.mood} hint={t.journal.moodHint} error={errors.mood}>
          {(a) => (
            <input
              {...a}
              type="number"
              min={0}
              max={10}
              inputMode="numeric"
              value={mood}
              onChange={(e) => setMood(e.target.value)}
            />
          )}
        </Field>
        <fieldset>
          <legend>{t.journal.whoSees}</legend>
          {(['private', 'shared'] as const).map((v) => (
            <label key={v} className="check">
              <input
                type="radio"
                name="visibility"
                checked={visibility === v}
                onChange={() => setVisibility(v)}
              />
              <span>
                <strong>{v === 'private' ? `${t.journal.private}` : `${t.journal.shared}`}</strong>{' '}
                — {v === 'private' ? t.journal.privateHint : t.journal.sharedHint}
              </span>
            </label>
          ))}
        </fieldset>
        {save.error && (
          <p className="error-text" role="alert">
            ⚠ {errorText(save.error)}
          </p>
        )}
        <div role="status">{save.isSuccess && <p className="ok-text">✓ {t.journal.saved}</p>}</div>
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t.journal.save}
        </button>
      </form>
      {save.data && <PlansForEntry key={save.data.id} clientId={clientId} entryId={save.data.id} />}
    </>
  );
}

/** The client's journal: write (private or shared, clearly marked) and read back. */
export function JournalPage() {
  usePageTitle(t.nav.journal);
  const user = useUser();
  const clientId = user.clientId ?? '';
  const record = useClientRecord(clientId);
  const tz = record.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const entries = useQuery({
    queryKey: ['journal', clientId],
    queryFn: ({ signal }) => get<JournalPage>(`/api/clients/${clientId}/journal`, signal),
  });
  return (
    <div className="stack">
      <h1>{t.nav.journal}</h1>
      <NewEntry clientId={clientId} />
      <h2>{t.journal.entries}</h2>
      <QueryState query={entries}>
        {(d) =>
          d.entries.length === 0 ? (
            <Empty>{t.journal.none}</Empty>
          ) : (
            <ul className="plain-list">
              {d.entries.map((e) => (
                <JournalEntry key={e.id} entry={e} timeZone={tz} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}
