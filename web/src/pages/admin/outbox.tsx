import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { OutboxList, OutboxMessageView } from '../../../../src/contract/notifications.ts';
import { errorText, get, send } from '../../api/http.ts';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function Message({ m }: { m: OutboxMessageView }) {
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => send('POST', `/api/outbox/${m.id}/retry`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['outbox'] }),
  });
  const badge =
    m.status === 'failed' ? 'badge-danger' : m.status === 'sent' ? 'badge-ok' : 'badge-info';
  return (
    <tr>
      <td>{m.to}</td>
      <td>
        <details>
          <summary>{m.subject}</summary>
          <pre className="pre-line small">{m.body}</pre>
        </details>
      </td>
      <td>
        <span className={`badge ${badge}`}>{t.outbox.status[m.status]}</span>{' '}
        <span className="small muted">{t.outbox.attempts(m.attempts)}</span>
        {m.lastError && (
          <p className="small error-text">
            {t.outbox.lastError}: {m.lastError}
          </p>
        )}
        {m.status === 'failed' && (
          <button type="button" className="button secondary" onClick={() => retry.mutate()}>
            {t.outbox.retry}
            <span className="visually-hidden">: {m.to}</span>
          </button>
        )}
        {retry.error && <p className="error-text small">⚠ {errorText(retry.error)}</p>}
      </td>
      <td>{formatDateTime(m.createdAt, zone)}</td>
    </tr>
  );
}

/** Admin: the clinic's e-mail — waiting, sent, failed — exactly as it went or would go out. */
export function OutboxPage() {
  usePageTitle(t.outbox.title);
  const [status, setStatus] = useState('');
  const list = useQuery({
    queryKey: ['outbox', status],
    queryFn: ({ signal }) =>
      get<OutboxList>(`/api/outbox${status ? `?status=${status}` : ''}`, signal),
  });
  return (
    <div className="stack">
      <h1>{t.outbox.title}</h1>
      <p>{t.outbox.intro}</p>
      <label className="field">
        <span>{t.outbox.filter}</span>
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t.outbox.all}</option>
          {(['pending', 'sent', 'failed'] as const).map((s) => (
            <option key={s} value={s}>
              {t.outbox.status[s]}
            </option>
          ))}
        </select>
      </label>
      <QueryState query={list}>
        {(d) => (
          <>
            <p className={d.delivering ? 'ok-text' : 'warn-text'} role="note">
              {d.delivering ? t.outbox.delivering : t.outbox.notDelivering}
            </p>
            <p role="status">{t.outbox.counts(d.counts.pending, d.counts.sent, d.counts.failed)}</p>
            {d.messages.length === 0 ? (
              <Empty>{t.outbox.empty}</Empty>
            ) : (
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t.outbox.to}</th>
                      <th scope="col">{t.outbox.subject}</th>
                      <th scope="col">{t.outbox.state}</th>
                      <th scope="col">{t.outbox.created}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.messages.map((m) => (
                      <Message key={m.id} m={m} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
