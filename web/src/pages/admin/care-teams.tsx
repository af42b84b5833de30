import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type {
  AssignmentsView,
  ClientAssignmentView,
  LocationView,
} from '../../../../src/contract/care-teams.ts';
import { errorText, get, send } from '../../api/http.ts';
import { Field } from '../../components/field.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

type Therapist = AssignmentsView['therapists'][number];

/** Where each client is seen and who is on their care team, primary therapist first. */
export function CareTeamsPage() {
  usePageTitle(t.careTeams.title);
  const [search, setSearch] = useState('');
  const assignments = useQuery({
    queryKey: ['care-teams'],
    queryFn: ({ signal }) => get<AssignmentsView>('/api/care-teams', signal),
  });
  const locations = useQuery({
    queryKey: ['locations', 'live'],
    queryFn: ({ signal }) => get<{ locations: LocationView[] }>('/api/locations', signal),
  });
  const needle = search.trim().toLowerCase();
  return (
    <div className="stack">
      <h1>{t.careTeams.title}</h1>
      <p className="muted">{t.careTeams.intro}</p>
      <Field label={t.careTeams.search}>
        {(a) => (
          <input {...a} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        )}
      </Field>
      <QueryState query={assignments}>
        {(d) => {
          const shown = d.clients.filter(
            (c) =>
              needle === '' ||
              c.name.toLowerCase().includes(needle) ||
              c.email.toLowerCase().includes(needle),
          );
          return shown.length === 0 ? (
            <Empty>{needle ? t.careTeams.noMatch : t.careTeams.none}</Empty>
          ) : (
            <ul className="plain-list stack">
              {shown.map((c) => (
                <li key={c.clientId}>
                  <ClientCard
                    client={c}
                    therapists={d.therapists}
                    locations={locations.data?.locations ?? []}
                  />
                </li>
              ))}
            </ul>
          );
        }}
      </QueryState>
    </div>
  );
}

function ClientCard({
  client: c,
  therapists,
  locations,
}: {
  client: ClientAssignmentView;
  therapists: Therapist[];
  locations: LocationView[];
}) {
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState('');
  const change = useMutation({
    mutationFn: (r: { method: 'PUT' | 'DELETE'; path: string; body?: unknown }) =>
      send<ClientAssignmentView>(r.method, r.path, r.body),
    onSuccess: async () => {
      setAdding('');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['care-teams'] }),
        queryClient.invalidateQueries({ queryKey: ['locations'] }),
      ]);
    },
  });
  const member = (userId: string) => `/api/clients/${c.clientId}/care-team/${userId}`;
  const candidates = therapists.filter((th) => !c.careTeam.some((m) => m.userId === th.id));
  // An archived location still shows for a client who has it, so the select tells the truth.
  const options =
    c.location && !locations.some((l) => l.id === c.location!.id)
      ? [...locations, { id: c.location.id, name: `${c.location.name} (${t.locations.archived})` }]
      : locations;
  const headingId = `client-${c.clientId}`;
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {c.name} <span className="muted small">{c.email}</span>
      </h2>
      <Field label={t.careTeams.location(c.name)}>
        {(a) => (
          <select
            {...a}
            value={c.location?.id ?? ''}
            disabled={change.isPending}
            onChange={(e) =>
              change.mutate({
                method: 'PUT',
                path: `/api/clients/${c.clientId}/location`,
                body: { locationId: e.target.value === '' ? null : e.target.value },
              })
            }
          >
            <option value="">{t.careTeams.noLocation}</option>
            {options.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <h3 className="small">{t.careTeams.team}</h3>
      {c.careTeam.length === 0 ? (
        <Empty>{t.careTeams.emptyTeam}</Empty>
      ) : (
        <ul className="plain-list">
          {c.careTeam.map((m) => (
            <li key={m.userId} className="row">
              <span>
                {m.name}
                {m.primary && <strong> — {t.careTeams.primary}</strong>}
              </span>
              {!m.primary && (
                <>
                  <button
                    type="button"
                    className="button link"
                    disabled={change.isPending}
                    onClick={() =>
                      change.mutate({
                        method: 'PUT',
                        path: member(m.userId),
                        body: { primary: true },
                      })
                    }
                  >
                    {t.careTeams.makePrimary(m.name, c.name)}
                  </button>
                  <button
                    type="button"
                    className="button link"
                    disabled={change.isPending}
                    onClick={() => change.mutate({ method: 'DELETE', path: member(m.userId) })}
                  >
                    {t.careTeams.remove(m.name, c.name)}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {c.careTeam.length > 0 && <p className="muted small">{t.careTeams.primaryRule}</p>}
      {candidates.length > 0 && (
        <div className="inline-form">
          <Field label={t.careTeams.addLabel(c.name)}>
            {(a) => (
              <select {...a} value={adding} onChange={(e) => setAdding(e.target.value)}>
                <option value="">{t.careTeams.choose}</option>
                {candidates.map((th) => (
                  <option key={th.id} value={th.id}>
                    {th.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            className="button"
            disabled={adding === '' || change.isPending}
            onClick={() =>
              change.mutate({
                method: 'PUT',
                path: member(adding),
                body: c.primaryTherapistId === null ? { primary: true } : {},
              })
            }
          >
            {t.careTeams.add}
          </button>
        </div>
      )}
      <p role="status" aria-live="polite">
        {change.isSuccess && <span className="ok-text">✓ {t.careTeams.saved}</span>}
        {change.error && <span className="error-text">⚠ {errorText(change.error)}</span>}
      </p>
    </section>
  );
}
