import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { DirectiveList, DirectiveView } from '../../../../src/contract/consent.ts';
import type { UserListItem } from '../../../../src/contract/security.ts';
import { get, send } from '../../api/http.ts';
import { ChangeStatus, StaffSelect } from '../../components/consent-parts.tsx';
import { Field } from '../../components/field.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * An admin records a client's written request: withhold the whole record from everyone or one
 * person, or revoke a directive — each with the request as the reason. Clients are listed from
 * the accounts, so a record locked from this admin too can still be managed.
 */
export function ConsentPage() {
  usePageTitle(t.consent.title);
  const queryClient = useQueryClient();
  const users = useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => get<{ users: UserListItem[] }>('/api/users', signal),
  });
  const [clientId, setClientId] = useState('');
  const [from, setFrom] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const key = ['consent-directives', clientId];
  const directives = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      get<DirectiveList>(`/api/clients/${clientId}/consent-directives`, signal),
    enabled: Boolean(clientId),
  });
  const onSuccess = (message: string) => () => {
    setDone(message);
    setReason('');
    void queryClient.invalidateQueries({ queryKey: key });
  };
  const create = useMutation({
    mutationFn: () =>
      send<DirectiveView>('POST', `/api/clients/${clientId}/consent-directives`, {
        scope: 'record',
        reason,
        ...(from ? { staffUserId: from } : {}),
      }),
    onSuccess: onSuccess(t.consent.recorded),
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      send<DirectiveView>('POST', `/api/consent-directives/${id}/revoke`, { reason }),
    onSuccess: onSuccess(t.consent.revoked),
  });
  const error = create.error ?? revoke.error;

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone('');
    create.mutate();
  }

  return (
    <div className="stack">
      <h1>{t.consent.title}</h1>
      <p>{t.consent.intro}</p>
      <QueryState query={users}>
        {(data) => (
          <Field label={t.consent.client}>
            {(a) => (
              <select
                {...a}
                value={clientId}
                onChange={(e) => {
                  setClientId(e.target.value);
                  setDone('');
                }}
              >
                <option value="">{t.consent.chooseClient}</option>
                {data.users
                  .filter((u) => u.role === 'client' && u.clientId)
                  .map((u) => (
                    <option key={u.id} value={u.clientId ?? ''}>
                      {u.name}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        )}
      </QueryState>
      {clientId && (
        <QueryState query={directives}>
          {(list) => {
            const active = list.directives.filter((d) => d.active);
            return (
              <>
                <form className="card stack" onSubmit={submit} noValidate>
                  <Field label={t.consent.reason} hint={t.consent.reasonHint}>
                    {(a) => (
                      <input
                        {...a}
                        type="text"
                        value={reason}
                        onChange={(e) => setReason(e.target.value)}
                      />
                    )}
                  </Field>
                  <StaffSelect staff={list.staff} value={from} onChange={setFrom} />
                  <button type="submit" className="button primary" disabled={create.isPending}>
                    {t.consent.withholdRecord}
                  </button>
                </form>
                <ChangeStatus done={done} error={error} />
                <h2>{t.privacy.listTitle}</h2>
                {active.length === 0 ? (
                  <Empty>{t.consent.none}</Empty>
                ) : (
                  <ul className="plain-list stack">
                    {active.map((d) => (
                      <li key={d.id} className="card stack">
                        <p>
                          <strong>{t.consent.scope[d.scope]}</strong> ·{' '}
                          {t.privacy.withheldFrom(d.staff?.name ?? t.privacy.everyone)}
                        </p>
                        <p className="muted">
                          {t.consent.by(d.createdBy.name, formatDateTime(d.createdAt, zone))}
                          {d.reason ? ` — ${d.reason}` : ''}
                        </p>
                        <button
                          type="button"
                          className="button secondary"
                          disabled={revoke.isPending}
                          onClick={() => {
                            setDone('');
                            revoke.mutate(d.id);
                          }}
                        >
                          {t.consent.revoke}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            );
          }}
        </QueryState>
      )}
    </div>
  );
}
