import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { DueView } from '../../../../src/contract/questionnaires.ts';
import { get } from '../../api/http.ts';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDay } from '../../lib/format.ts';

/** Questionnaires the care team scheduled that are due today or overdue. */
export function DueQuestionnaires({ clientId }: { clientId: string }) {
  const due = useQuery({
    queryKey: ['questionnaires-due', clientId],
    queryFn: ({ signal }) => get<DueView>(`/api/clients/${clientId}/questionnaires/due`, signal),
  });
  return (
    <section aria-labelledby="due-h" className="card">
      <h2 id="due-h">{t.today.questionnaires}</h2>
      <QueryState query={due}>
        {(d) =>
          d.due.length === 0 ? (
            <Empty>{t.today.noQuestionnaires}</Empty>
          ) : (
            <ul className="plain-list">
              {d.due.map((q) => (
                <li key={q.instrument}>
                  <Link className="button primary" to={`/questionnaires/${q.instrument}`}>
                    {t.today.start(q.title)}
                  </Link>
                  {q.sessionDate && (
                    <p className="muted">{t.today.forSession(formatDay(q.sessionDate))}</p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
