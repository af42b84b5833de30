import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { createSessionBody, type SessionView } from '../../../../src/contract/sessions.ts';
import { errorText, get, send } from '../../api/http.ts';
import { Field, fieldErrors } from '../../components/field.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { dayIn, formatDay } from '../../lib/format.ts';

/** Record today's session with a clinician-only note (the client never receives it). */
export function SessionNote({ clientId, timeZone }: { clientId: string; timeZone: string }) {
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: ['sessions', clientId],
    queryFn: ({ signal }) =>
      get<{ sessions: SessionView[] }>(`/api/clients/${clientId}/sessions`, signal),
  });
  const [date, setDate] = useState(() => dayIn(new Date(), timeZone));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: unknown) => send('POST', `/api/clients/${clientId}/sessions`, body),
    onSuccess: () => {
      setNote('');
      void queryClient.invalidateQueries({ queryKey: ['sessions', clientId] });
      void queryClient.invalidateQueries({ queryKey: ['digest', clientId] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createSessionBody.safeParse({
      date,
      ...(note.trim() ? { clinicianNote: note } : {}),
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    save.mutate(parsed.data);
  }
  return (
    <section className="card stack" aria-labelledby="session-note-h">
      <h2 id="session-note-h">{t.session.noteTitle}</h2>
      <form onSubmit={submit} className="stack" noValidate>
        <Field label={t.session.date} error={errors.date}>
          {(a) => (
            <input {...a} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          )}
        </Field>
        <Field label={t.session.note} hint={t.session.noteHint} error={errors.clinicianNote}>
          {(a) => (
            <textarea {...a} rows={5} value={note} onChange={(e) => setNote(e.target.value)} />
          )}
        </Field>
        <div className="row">
          <button type="submit" className="button primary" disabled={save.isPending}>
            {t.session.record}
          </button>
          <span role="status">
            {save.isSuccess && <span className="ok-text">✓ {t.session.recorded}</span>}
            {save.error && <span className="error-text">⚠ {errorText(save.error)}</span>}
          </span>
        </div>
      </form>
      <h3>{t.session.past}</h3>
      <QueryState query={sessions}>
        {(d) =>
          d.sessions.length === 0 ? (
            <Empty>{t.session.none}</Empty>
          ) : (
            <ul className="plain-list">
              {d.sessions.map((s) => (
                <li key={s.id}>
                  <strong>{formatDay(s.date)}</strong>{' '}
                  <span className="muted small">{s.therapist.name}</span>
                  {s.clinicianNote && <p className="entry-body">{s.clinicianNote}</p>}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
