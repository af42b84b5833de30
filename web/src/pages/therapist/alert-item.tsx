import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { acknowledgeBody, type AlertView } from '../../../../src/contract/alerts.ts';
import { errorText, send } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';

const look: Record<AlertView['kind'], { icon: string; tone: string }> = {
  risk: { icon: '⚠', tone: 'danger' },
  deterioration: { icon: '↘', tone: 'danger' },
  'off-track': { icon: '⤳', tone: 'warn' },
  silence: { icon: '…', tone: 'warn' },
};

/** One alert with its acknowledgement: a risk alert cannot be acknowledged without a note. */
export function AlertItem({
  alert,
  timeZone,
  showClient,
  onDone,
}: {
  alert: AlertView;
  timeZone: string;
  showClient?: boolean;
  /** Told after acknowledging: the alert then leaves the open list, so the parent says so. */
  onDone?: (alert: AlertView) => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const ack = useMutation({
    mutationFn: (body: { note?: string }) =>
      send('POST', `/api/alerts/${alert.id}/acknowledge`, body),
    onSuccess: () => {
      onDone?.(alert);
      void queryClient.invalidateQueries({ queryKey: ['alerts'] });
      void queryClient.invalidateQueries({ queryKey: keys.clients });
    },
  });
  const needsNote = alert.kind === 'risk';
  const l = look[alert.kind];

  function submit(e: FormEvent) {
    e.preventDefault();
    if (needsNote && !note.trim()) return setProblem(t.alerts.noteRequired);
    const parsed = acknowledgeBody.safeParse(note.trim() ? { note } : {});
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message);
    setProblem(undefined);
    ack.mutate(parsed.data);
  }

  return (
    <li className={`card alert alert-${alert.kind}${alert.acknowledgedAt ? ' alert-done' : ''}`}>
      <div className="spread">
        <span className={`badge badge-${l.tone}`}>
          <span aria-hidden="true">{l.icon} </span>
          {t.alerts.kind[alert.kind]}
        </span>
        <span className="muted small">{formatDateTime(alert.createdAt, timeZone)}</span>
      </div>
      {showClient && (
        <h2 className="alert-client">
          <Link to={`/clients/${alert.clientId}`}>{alert.clientName}</Link>
        </h2>
      )}
      <p>{alert.detail}</p>
      {alert.escalatedAt && (
        <p className="warn-text small">
          ↑ {t.alerts.escalated(formatDateTime(alert.escalatedAt, timeZone))}
        </p>
      )}
      {alert.acknowledgedAt ? (
        <p className="ok-text small">
          ✓{' '}
          {t.alerts.acknowledged(
            alert.acknowledgedByName ?? '',
            formatDateTime(alert.acknowledgedAt, timeZone),
          )}
          {alert.note && ` — ${alert.note}`}
        </p>
      ) : ack.isSuccess ? (
        <p className="ok-text" role="status">
          ✓ {t.alerts.done}
        </p>
      ) : open ? (
        <form onSubmit={submit} className="stack" noValidate>
          <label htmlFor={`${id}-note`} className="field">
            <span>{needsNote ? t.alerts.noteRisk : t.alerts.note}</span>
          </label>
          <textarea
            id={`${id}-note`}
            value={note}
            maxLength={2000}
            required={needsNote}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-err` : undefined}
            onChange={(e) => setNote(e.target.value)}
          />
          {(problem ?? ack.error) && (
            <p id={`${id}-err`} className="error-text" role="alert">
              ⚠ {problem ?? errorText(ack.error)}
            </p>
          )}
          <div className="row">
            <button type="submit" className="button primary" disabled={ack.isPending}>
              {t.alerts.confirm}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              {t.alerts.cancel}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t.alerts.acknowledge}
        </button>
      )}
    </li>
  );
}
