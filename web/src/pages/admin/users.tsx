import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { OneTimeLink, UserListItem } from '../../../../src/contract/security.ts';
import { errorText, get, send } from '../../api/http.ts';
import { QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { InviteForm } from './invite-form.tsx';
import { PrivacyOfficerForm } from './privacy-officer-form.tsx';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A one-time link, shown once, to hand to the person. */
export function LinkBox({ link, name }: { link: OneTimeLink; name: string }) {
  return (
    <div className="notice stack" role="status">
      <label className="field">
        <span>{t.users.link(name)}</span>
        <input type="text" readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <p className="small">{t.users.expires(formatDateTime(link.expiresAt, zone))}</p>
    </div>
  );
}

/** Everyone in the clinic: invite, disable or enable, and hand out a reset link. */
export function UsersPage() {
  usePageTitle(t.users.title);
  const queryClient = useQueryClient();
  const users = useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => get<{ users: UserListItem[] }>('/api/users', signal),
  });
  const [link, setLink] = useState<{ link: OneTimeLink; name: string } | undefined>();
  const toggle = useMutation({
    mutationFn: (u: UserListItem) =>
      send('POST', `/api/users/${u.id}/disabled`, { disabled: !u.disabled }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  const reset = useMutation({
    mutationFn: (u: UserListItem) => send<OneTimeLink>('POST', `/api/users/${u.id}/reset-link`),
    onSuccess: (l, u) => setLink({ link: l, name: u.name }),
  });
  const failure = toggle.error ?? reset.error;
  return (
    <div className="stack">
      <h1>{t.users.title}</h1>
      {link && <LinkBox link={link.link} name={link.name} />}
      {failure && (
        <p className="error-text" role="alert">
          ⚠ {errorText(failure)}
        </p>
      )}
      <QueryState query={users}>
        {(d) => (
          <>
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t.users.caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.users.name}</th>
                    <th scope="col">{t.users.role}</th>
                    <th scope="col">{t.users.mfa}</th>
                    <th scope="col">{t.users.status}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t.users.status}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.users.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">
                        {u.name}
                        <div className="muted small">{u.email}</div>
                      </th>
                      <td>
                        {t.users.roles[u.role]}
                        {u.privacyOfficer && <div className="muted small">{t.users.officer}</div>}
                      </td>
                      <td>
                        {u.role === 'client'
                          ? '—'
                          : u.mfaEnrolled
                            ? `✓ ${t.users.mfaOn}`
                            : t.users.mfaOff}
                      </td>
                      <td>{u.disabled ? t.users.disabled : t.users.active}</td>
                      <td className="row">
                        <button
                          type="button"
                          className="button link"
                          onClick={() => toggle.mutate(u)}
                        >
                          {u.disabled ? t.users.enable(u.name) : t.users.disable(u.name)}
                        </button>
                        <button
                          type="button"
                          className="button link"
                          onClick={() => reset.mutate(u)}
                        >
                          {t.users.resetLink(u.name)}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <PrivacyOfficerForm admins={d.users.filter((u) => u.role === 'admin' && !u.disabled)} />
            <InviteForm
              therapists={d.users.filter((u) => u.role === 'therapist' && !u.disabled)}
              onLink={(l, name) => {
                setLink({ link: l, name });
                void queryClient.invalidateQueries({ queryKey: ['users'] });
              }}
            />
          </>
        )}
      </QueryState>
    </div>
  );
}
