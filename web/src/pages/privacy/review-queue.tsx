import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { BreakGlassReviewItem, ReviewQueue } from '../../../../src/contract/privacy.ts';
import { ApiError, errorText, get, send } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { Field, fieldErrors } from '../../components/field.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
type Status = 'open' | 'closed' | 'all';

/** The privacy officer's finding on one grant: justified or not, with a note. */
function ReviewForm({ grant }: { grant: BreakGlassReviewItem }) {
  const [outcome, setOutcome] = useState<'justified' | 'not-justified' | ''>('');
  const [note, setNote] = useState('');
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: () =>
      send('POST', `/api/privacy/break-glass/${grant.id}/review`, { outcome, note }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.privacy }),
  });
  const errors =
    close.error instanceof ApiError ? fieldErrors(close.error.problem?.errors ?? []) : {};
  function submit(e: FormEvent) {
    e.preventDefault();
    close.mutate();
  }
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t.privacyReview.outcome}</legend>
        {(
          [
            ['justified', t.privacyReview.justified],
            [
              'not-justified',
              grant.active ? t.privacyReview.notJustifiedEnds : t.privacyReview.notJustified,
            ],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="check">
            <input
              type="radio"
              name={`outcome-${grant.id}`}
              value={value}
              checked={outcome === value}
              onChange={() => setOutcome(value)}
            />
            {label}
          </label>
        ))}
        {errors.outcome && <p className="error-text small">⚠ {errors.outcome}</p>}
      </fieldset>
      <Field label={t.privacyReview.note} hint={t.privacyReview.noteHint} error={errors.note}>
        {(a) => <textarea {...a} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div role="status">
        {close.error && !errors.note && !errors.outcome && (
          <p className="error-text">⚠ {errorText(close.error)}</p>
        )}
      </div>
      <button type="submit" className="button primary" disabled={close.isPending}>
        {t.privacyReview.close}
      </button>
    </form>
  );
}

function GrantCard({ grant }: { grant: BreakGlassReviewItem }) {
  const outcome =
    grant.review?.outcome === 'justified'
      ? t.privacyReview.justified
      : t.privacyReview.notJustified;
  return (
    <li className="card stack">
      <h2>{t.privacyReview.who(grant.therapistName, grant.clientName)}</h2>
      <p className="muted">
        {t.privacyReview.when(
          formatDateTime(grant.openedAt, zone),
          formatDateTime(grant.expiresAt, zone),
        )}{' '}
        · <strong>{grant.active ? t.privacyReview.active : t.privacyReview.ended}</strong> ·{' '}
        {t.privacyReview.accesses(grant.accesses)}
      </p>
      <p>
        <strong>{t.privacyReview.reason}:</strong> {grant.reason}
      </p>
      {grant.review ? (
        <p>
          ✓{' '}
          {t.privacyReview.reviewed(
            outcome,
            grant.review.reviewerName,
            formatDateTime(grant.review.reviewedAt, zone),
          )}
          <br />
          {grant.review.note}
        </p>
      ) : (
        <ReviewForm grant={grant} />
      )}
    </li>
  );
}

/** Privacy officer: every break-the-glass grant, each to be closed with a finding. */
export function ReviewQueuePage() {
  usePageTitle(t.privacyReview.reviewTitle);
  const [status, setStatus] = useState<Status>('open');
  const queryClient = useQueryClient();
  const queue = useQuery({
    queryKey: [...keys.privacy, 'queue', status],
    queryFn: ({ signal }) => get<ReviewQueue>(`/api/privacy/break-glass?status=${status}`, signal),
  });
  // Opening the queue is seeing what is new: the count in the navigation clears.
  const unread = queue.data?.unread ?? 0;
  useEffect(() => {
    if (unread === 0) return;
    void send('POST', '/api/privacy/notifications/read').then(() =>
      queryClient.invalidateQueries({ queryKey: [...keys.privacy, 'notifications'] }),
    );
  }, [unread, queryClient]);
  return (
    <div className="stack">
      <h1>{t.privacyReview.reviewTitle}</h1>
      <p>{t.privacyReview.reviewIntro}</p>
      <div className="filters row">
        <Field label={t.privacyReview.show}>
          {(a) => (
            <select {...a} value={status} onChange={(e) => setStatus(e.target.value as Status)}>
              {(['open', 'closed', 'all'] as const).map((s) => (
                <option key={s} value={s}>
                  {t.privacyReview.status[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <QueryState query={queue}>
        {(d) =>
          d.grants.length === 0 ? (
            <Empty>{status === 'open' ? t.privacyReview.none : t.privacyReview.noneAll}</Empty>
          ) : (
            <ul className="plain-list stack">
              {d.grants.map((g) => (
                <GrantCard key={g.id} grant={g} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}
