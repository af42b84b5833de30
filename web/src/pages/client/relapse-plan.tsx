import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RelapsePlanBody, RelapsePlanView } from '../../../../src/contract/relapse-plan.ts';
import { ApiError, download, errorText, request } from '../../api/http.ts';
import { useUser } from '../../api/session.tsx';
import { Field } from '../../components/field.tsx';
import { QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

type Contact = RelapsePlanBody['contacts'][number];

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The client's relapse-prevention plan: warning signs, what helps, who to contact; a PDF to keep. */
export function RelapsePlanPage() {
  usePageTitle(t.relapsePlan.title);
  const user = useUser();
  const path = `/api/clients/${user.clientId}/relapse-plan`;
  const query = useQuery({
    queryKey: ['relapse-plan', user.clientId],
    queryFn: async ({ signal }) => (await request<RelapsePlanView>(path, { signal })).data,
  });
  // A save elsewhere (412) reloads the form from the latest plan, saying why.
  const [reloaded, setReloaded] = useState(0);
  return (
    <div className="stack">
      <h1>{t.relapsePlan.title}</h1>
      <p>{t.relapsePlan.intro}</p>
      <QueryState query={query}>
        {(plan) => (
          <PlanForm
            key={reloaded}
            plan={plan}
            path={path}
            notice={reloaded > 0 ? t.relapsePlan.stale : undefined}
            onStale={async () => {
              await query.refetch();
              setReloaded((n) => n + 1);
            }}
          />
        )}
      </QueryState>
    </div>
  );
}

function PlanForm({
  plan,
  path,
  notice,
  onStale,
}: {
  plan: RelapsePlanView;
  path: string;
  notice: string | undefined;
  onStale: () => Promise<void>;
}) {
  const queryClient = useQueryClient();
  const [signs, setSigns] = useState(plan.warningSigns.join('\n'));
  const [helps, setHelps] = useState(plan.whatHelps.join('\n'));
  const [contacts, setContacts] = useState<Contact[]>(
    plan.contacts.length ? plan.contacts : [{ name: '', how: '' }],
  );
  const [notes, setNotes] = useState(plan.notes ?? '');
  const [state, setState] = useState<{ busy?: boolean; message?: string; error?: string }>(
    notice ? { error: notice } : {},
  );
  const [file, setFile] = useState<{ busy?: boolean; url?: string; name?: string; error?: string }>(
    {},
  );

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setState({ busy: true });
    const body: RelapsePlanBody = {
      warningSigns: lines(signs),
      whatHelps: lines(helps),
      contacts: contacts
        .filter((c) => c.name.trim())
        .map((c) => ({ name: c.name.trim(), ...(c.how?.trim() ? { how: c.how.trim() } : {}) })),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    };
    try {
      const res = await request<RelapsePlanView>(path, {
        method: 'PUT',
        body,
        ifMatch: `"${plan.version}"`,
      });
      queryClient.setQueryData(['relapse-plan', plan.clientId], res.data);
      setState({ message: t.relapsePlan.saved });
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) await onStale();
      else setState({ error: errorText(err) });
    }
  }

  async function pdf() {
    setFile({ busy: true });
    try {
      const f = await download(`${path}.pdf`);
      setFile({
        url: URL.createObjectURL(f.blob),
        name: f.filename ?? 'relapse-prevention-plan.pdf',
      });
    } catch (err) {
      setFile({ error: errorText(err) });
    }
  }

  const setContact = (i: number, patch: Partial<Contact>) =>
    setContacts((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  return (
    <>
      <form className="card stack" onSubmit={(e) => void save(e)}>
        <Field label={t.relapsePlan.warningSigns} hint={t.relapsePlan.onePerLine}>
          {(p) => (
            <textarea {...p} rows={4} value={signs} onChange={(e) => setSigns(e.target.value)} />
          )}
        </Field>
        <Field label={t.relapsePlan.whatHelps} hint={t.relapsePlan.onePerLine}>
          {(p) => (
            <textarea {...p} rows={4} value={helps} onChange={(e) => setHelps(e.target.value)} />
          )}
        </Field>
        <fieldset className="stack">
          <legend>{t.relapsePlan.contacts}</legend>
          {contacts.map((c, i) => (
            <div key={i} className="stack">
              <Field label={t.relapsePlan.contactName(i + 1)}>
                {(p) => (
                  <input
                    {...p}
                    value={c.name}
                    onChange={(e) => setContact(i, { name: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t.relapsePlan.contactHow(i + 1)}>
                {(p) => (
                  <input
                    {...p}
                    value={c.how ?? ''}
                    onChange={(e) => setContact(i, { how: e.target.value })}
                  />
                )}
              </Field>
              {contacts.length > 1 && (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => setContacts((cs) => cs.filter((_, j) => j !== i))}
                >
                  {t.relapsePlan.removeContact(i + 1)}
                </button>
              )}
            </div>
          ))}
          {contacts.length < 10 && (
            <button
              type="button"
              className="button secondary"
              onClick={() => setContacts((cs) => [...cs, { name: '', how: '' }])}
            >
              {t.relapsePlan.addContact}
            </button>
          )}
        </fieldset>
        <Field label={t.relapsePlan.notes}>
          {(p) => (
            <textarea {...p} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="button primary" disabled={state.busy}>
          {state.busy ? t.relapsePlan.saving : t.relapsePlan.save}
        </button>
        <div role="status" aria-live="polite">
          {state.message && <p>{state.message}</p>}
          {state.error && <p className="error-text">⚠ {state.error}</p>}
        </div>
      </form>
      <section className="card stack" aria-labelledby="crisis-heading">
        <h2 id="crisis-heading">{t.relapsePlan.crisis}</h2>
        <p>{plan.crisisText}</p>
      </section>
      <div className="stack">
        <button type="button" className="button" onClick={() => void pdf()} disabled={file.busy}>
          {file.busy ? t.relapsePlan.preparing : t.relapsePlan.download}
        </button>
        <div role="status" aria-live="polite">
          {file.url && (
            <a className="button primary" href={file.url} download={file.name}>
              ↓ {t.relapsePlan.ready(file.name ?? '')}
            </a>
          )}
          {file.error && <p className="error-text">⚠ {file.error}</p>}
        </div>
      </div>
    </>
  );
}
