import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { commentBody } from '../../../../src/contract/plan.ts';
import { errorText, send } from '../../api/http.ts';
import { keys, useComments } from '../../api/queries.ts';
import { Field } from '../../components/field.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';

/** The client–therapist conversation about one goal. */
export function Comments({
  goalId,
  canComment,
  timeZone,
}: {
  goalId: string;
  canComment: boolean;
  timeZone: string;
}) {
  const comments = useComments(goalId);
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const add = useMutation({
    mutationFn: (b: { body: string }) => send('POST', `/api/goals/${goalId}/comments`, b),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: keys.comments(goalId) });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = commentBody.safeParse({ body });
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message);
    setProblem(undefined);
    add.mutate(parsed.data);
  }
  return (
    <div className="stack">
      <QueryState query={comments}>
        {(d) =>
          d.comments.length === 0 ? (
            <Empty>{t.comments.none}</Empty>
          ) : (
            <ul className="plain-list comments">
              {d.comments.map((c) => (
                <li key={c.id} className={`comment comment-${c.author.role}`}>
                  <p className="small">
                    <strong>{c.author.name}</strong>{' '}
                    <span className="muted">
                      ({t.comments.role[c.author.role]}) · {formatDateTime(c.createdAt, timeZone)}
                    </span>
                  </p>
                  <p className="comment-body">{c.body}</p>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {canComment && (
        <form onSubmit={submit} className="stack" noValidate>
          <Field
            label={t.comments.add}
            error={problem ?? (add.error ? errorText(add.error) : undefined)}
          >
            {(a) => (
              <textarea
                {...a}
                value={body}
                maxLength={4000}
                onChange={(e) => setBody(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button" disabled={add.isPending}>
            {t.comments.send}
          </button>
        </form>
      )}
    </div>
  );
}
