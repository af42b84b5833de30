import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TemplateView } from '../../../../src/contract/plan.ts';
import { errorText, get, send } from '../../api/http.ts';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { describeSchedule } from '../../lib/schedule.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

/** The clinic's goal templates: what each gives a new goal, and archiving. */
export function TemplatesPage() {
  usePageTitle(t.templates.title);
  const queryClient = useQueryClient();
  const templates = useQuery({
    queryKey: ['templates', 'all'],
    queryFn: ({ signal }) =>
      get<{ templates: TemplateView[] }>('/api/templates?archived=include', signal),
  });
  const archive = useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      send('PATCH', `/api/templates/${id}`, { archived }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['templates'] }),
  });
  return (
    <div className="stack">
      <h1>{t.templates.title}</h1>
      {archive.error && (
        <p className="error-text" role="alert">
          ⚠ {errorText(archive.error)}
        </p>
      )}
      <QueryState query={templates}>
        {(d) =>
          d.templates.length === 0 ? (
            <Empty>{t.templates.none}</Empty>
          ) : (
            <ul className="plain-list alerts-grid">
              {d.templates.map((x) => (
                <li key={x.id} className="card stack">
                  <div className="spread">
                    <span className="badge badge-info">{x.category}</span>
                    {x.archived && (
                      <span className="badge badge-plain">{t.templates.archived}</span>
                    )}
                  </div>
                  <h2>{x.title}</h2>
                  {x.why && <p className="muted">{x.why}</p>}
                  {x.measure && <p className="small">{t.templates.measure(x.measure.name)}</p>}
                  <ul className="small">
                    {x.steps.map((s) => (
                      <li key={s.title}>{t.plan.stepItem(s.title)}</li>
                    ))}
                    {x.practices.map((p) => (
                      <li key={p.title}>
                        {t.plan.practiceItem(p.title, describeSchedule(p.schedule))}
                      </li>
                    ))}
                  </ul>
                  <button
                    type="button"
                    className="button"
                    disabled={archive.isPending}
                    onClick={() => archive.mutate({ id: x.id, archived: !x.archived })}
                  >
                    {x.archived ? t.templates.restore(x.title) : t.templates.archive(x.title)}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}
