import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { UserListItem } from '../../../../src/contract/security.ts';
import { errorText, InputError, send } from '../../api/http.ts';
import { Field } from '../../components/field.tsx';
import {
  emptyReauth,
  reauthenticate,
  ReauthFields,
  useMfaStatus,
  type ReauthValue,
} from '../../components/reauth-fields.tsx';
import { t } from '../../i18n/index.ts';

/** Name or un-name a privacy officer among the admins (after re-authentication). */
export function PrivacyOfficerForm({ admins }: { admins: UserListItem[] }) {
  const mfa = useMfaStatus();
  const enrolled = mfa.data?.enrolled ?? false;
  const [userId, setUserId] = useState('');
  const [proof, setProof] = useState<ReauthValue>(emptyReauth);
  const queryClient = useQueryClient();
  const chosen = admins.find((a) => a.id === userId);
  const save = useMutation({
    mutationFn: async () => {
      if (!chosen) throw new InputError(t.users.officerChoose);
      await reauthenticate(proof, enrolled);
      return send<UserListItem>('POST', `/api/users/${chosen.id}/privacy-officer`, {
        privacyOfficer: !chosen.privacyOfficer,
      });
    },
    onSuccess: () => {
      setProof(emptyReauth);
      return queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="po-h">
      <h2 id="po-h">{t.users.officerTitle}</h2>
      <p className="muted">{t.users.officerIntro}</p>
      <Field label={t.users.officerAdmin}>
        {(a) => (
          <select {...a} value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{t.users.officerChoose}</option>
            {admins.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
                {u.privacyOfficer ? ` — ${t.users.officer}` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ReauthFields value={proof} onChange={setProof} enrolled={enrolled} />
      <div role="status">
        {save.error && <p className="error-text">⚠ {errorText(save.error)}</p>}
        {save.data && (
          <p className="ok-text">
            ✓{' '}
            {save.data.privacyOfficer
              ? t.users.officerMade(save.data.name)
              : t.users.officerRemoved(save.data.name)}
          </p>
        )}
      </div>
      <button type="submit" className="button primary" disabled={save.isPending}>
        {chosen?.privacyOfficer ? t.users.officerRemove : t.users.officerMake}
      </button>
    </form>
  );
}
