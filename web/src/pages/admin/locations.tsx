import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  createLocationBody,
  patchLocationBody,
  type LocationView,
} from '../../../../src/contract/care-teams.ts';
import { errorText, get, send } from '../../api/http.ts';
import { Field } from '../../components/field.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

const key = ['locations', 'all'];

/** The clinic's locations: add one, rename one, archive one or bring it back. */
export function LocationsPage() {
  usePageTitle(t.locations.title);
  const locations = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      get<{ locations: LocationView[] }>('/api/locations?archived=include', signal),
  });
  return (
    <div className="stack">
      <h1>{t.locations.title}</h1>
      <p className="muted">{t.locations.intro}</p>
      <QueryState query={locations}>
        {(d) =>
          d.locations.length === 0 ? (
            <Empty>{t.locations.none}</Empty>
          ) : (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t.locations.caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.locations.name}</th>
                    <th scope="col">{t.locations.clients}</th>
                    <th scope="col">{t.locations.staff}</th>
                    <th scope="col">{t.locations.status}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t.locations.actions}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.locations.map((l) => (
                    <LocationRow key={l.id} location={l} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      <NewLocation />
    </div>
  );
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['locations'] }),
      queryClient.invalidateQueries({ queryKey: ['care-teams'] }),
    ]);
}

function LocationRow({ location: l }: { location: LocationView }) {
  const invalidate = useInvalidate();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(l.name);
  const [problem, setProblem] = useState<string | undefined>();
  const patch = useMutation({
    mutationFn: (body: unknown) => send<LocationView>('PATCH', `/api/locations/${l.id}`, body),
    onSuccess: async () => {
      setEditing(false);
      await invalidate();
    },
  });
  function rename(e: FormEvent) {
    e.preventDefault();
    const parsed = patchLocationBody.safeParse({ name });
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message);
    setProblem(undefined);
    patch.mutate(parsed.data);
  }
  return (
    <tr>
      <th scope="row">
        {editing ? (
          <form className="inline-form" onSubmit={rename} noValidate>
            <Field
              label={t.locations.newName(l.name)}
              error={problem ?? (patch.error ? errorText(patch.error) : undefined)}
            >
              {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
            </Field>
            <button type="submit" className="button" disabled={patch.isPending}>
              {t.locations.saveName}
            </button>
            <button type="button" className="button link" onClick={() => setEditing(false)}>
              {t.locations.cancel}
            </button>
          </form>
        ) : (
          l.name
        )}
      </th>
      <td>{l.clients}</td>
      <td>{l.staff}</td>
      <td>{l.archived ? t.locations.archivedStatus : t.locations.live}</td>
      <td className="row">
        {!editing && (
          <button type="button" className="button link" onClick={() => setEditing(true)}>
            {t.locations.rename(l.name)}
          </button>
        )}
        <button
          type="button"
          className="button link"
          disabled={patch.isPending}
          onClick={() => patch.mutate({ archived: !l.archived })}
        >
          {l.archived ? t.locations.restore(l.name) : t.locations.archive(l.name)}
        </button>
        {!editing && patch.error && (
          <span className="error-text" role="alert">
            ⚠ {errorText(patch.error)}
          </span>
        )}
      </td>
    </tr>
  );
}

function NewLocation() {
  const invalidate = useInvalidate();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: (body: unknown) => send<LocationView>('POST', '/api/locations', body),
    onSuccess: async () => {
      setName('');
      await invalidate();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createLocationBody.safeParse({ name });
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message);
    setProblem(undefined);
    create.mutate(parsed.data);
  }
  return (
    <form className="card inline-form" onSubmit={submit} noValidate aria-label={t.locations.add}>
      <Field
        label={t.locations.newLocation}
        error={problem ?? (create.error ? errorText(create.error) : undefined)}
      >
        {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <button type="submit" className="button primary" disabled={create.isPending}>
        {t.locations.add}
      </button>
      <span role="status">
        {create.isSuccess && <span className="ok-text">✓ {t.locations.added}</span>}
      </span>
    </form>
  );
}
