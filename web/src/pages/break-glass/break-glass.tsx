import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import {
  breakGlassLimits,
  type BreakGlassCandidate,
  type BreakGlassGrant,
} from '../../../../src/contract/privacy.ts';
import { ApiError, errorText, get, InputError, send } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { Field, fieldErrors } from '../../components/field.tsx';
import {
  emptyReauth,
  reauthenticate,
  ReauthFields,
  useMfaStatus,
  type ReauthValue,
} from '../../components/reauth-fields.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

/** The reason, the password (and code), then the record opens for the clinic's set time. */
function OpenForm({ client, onCancel }: { client: BreakGlassCandidate; onCancel: () => void }) {
  const mfa = useMfaStatus();
  const enrolled = mfa.data?.enrolled ?? false;
  const [reason, setReason] = useState('');
  const [proof, setProof] = useState<ReauthValue>(emptyReauth);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const open = useMutation({
    mutationFn: async () => {
      if (reason.trim().length < breakGlassLimits.reasonMin)
        throw new InputError(t.breakGlass.reasonHint);
      await reauthenticate(proof, enrolled);
      return send<BreakGlassGrant>('POST', '/api/break-glass', { clientId: client.id, reason });
    },
    onSuccess: async (grant) => {
      await queryClient.invalidateQueries({ queryKey: keys.clients });
      await queryClient.invalidateQueries({ queryKey: keys.breakGlass });
      void navigate(`/clients/${grant.clientId}`);
    },
  });
  const serverErrors =
    open.error instanceof ApiError ? fieldErrors(open.error.problem?.errors ?? []) : {};
  function submit(e: FormEvent) {
    e.preventDefault();
    open.mutate();
  }
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="bg-form-h">
      <h2 id="bg-form-h">{t.breakGlass.formTitle(client.name)}</h2>
      <Field label={t.breakGlass.reason} hint={t.breakGlass.reasonHint} error={serverErrors.reason}>
        {(a) => (
          <textarea
            {...a}
            rows={3}
            maxLength={breakGlassLimits.reasonMax}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <ReauthFields value={proof} onChange={setProof} enrolled={enrolled} />
      <div role="status">
        {open.error && <p className="error-text">⚠ {errorText(open.error)}</p>}
      </div>
      <div className="row">
        <button type="submit" className="button danger" disabled={open.isPending}>
          {t.breakGlass.open}
        </button>
        <button type="button" className="button link" onClick={onCancel}>
          {t.breakGlass.cancel}
        </button>
      </div>
    </form>
  );
}

/** Therapist: find a client outside the caseload and open their record in an emergency. */
export function BreakGlassPage() {
  usePageTitle(t.breakGlass.title);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<BreakGlassCandidate | undefined>();
  const results = useQuery({
    queryKey: [...keys.breakGlass, 'search', q],
    queryFn: ({ signal }) =>
      get<{ clients: BreakGlassCandidate[] }>(
        `/api/break-glass/clients?q=${encodeURIComponent(q)}`,
        signal,
      ),
    enabled: q.length >= breakGlassLimits.searchMin,
  });
  function search(e: FormEvent) {
    e.preventDefault();
    setChosen(undefined);
    setQ(typed.trim());
  }
  return (
    <div className="stack">
      <h1>{t.breakGlass.title}</h1>
      <p className="notice">{t.breakGlass.intro}</p>
      <form className="row" role="search" onSubmit={search} noValidate>
        <Field label={t.breakGlass.search} hint={t.breakGlass.searchHint}>
          {(a) => (
            <input
              {...a}
              type="search"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          )}
        </Field>
        <button
          type="submit"
          className="button"
          disabled={typed.trim().length < breakGlassLimits.searchMin}
        >
          {t.breakGlass.find}
        </button>
      </form>
      {chosen ? (
        <OpenForm client={chosen} onCancel={() => setChosen(undefined)} />
      ) : (
        q.length >= breakGlassLimits.searchMin && (
          <section aria-labelledby="bg-results-h" className="stack">
            <h2 id="bg-results-h">{t.breakGlass.results}</h2>
            <QueryState query={results}>
              {(d) =>
                d.clients.length === 0 ? (
                  <Empty>{t.breakGlass.none}</Empty>
                ) : (
                  <ul className="plain-list">
                    {d.clients.map((c) => (
                      <li key={c.id}>
                        <button type="button" className="button" onClick={() => setChosen(c)}>
                          {t.breakGlass.choose(c.name)}
                        </button>
                      </li>
                    ))}
                  </ul>
                )
              }
            </QueryState>
          </section>
        )
      )}
    </div>
  );
}
