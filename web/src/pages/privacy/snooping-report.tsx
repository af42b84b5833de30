import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SnoopingReport } from '../../../../src/contract/privacy.ts';
import { get } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { Field } from '../../components/field.tsx';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Privacy officer: staff who touched records outside their care team, by date range. */
export function SnoopingReportPage() {
  usePageTitle(t.privacyReview.snoopingTitle);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [range, setRange] = useState({ from: '', to: '' });
  const report = useQuery({
    queryKey: [...keys.privacy, 'snooping', range.from, range.to],
    queryFn: ({ signal }) => {
      const q = new URLSearchParams();
      if (range.from) q.set('from', range.from);
      if (range.to) q.set('to', range.to);
      return get<SnoopingReport>(`/api/privacy/snooping?${q.toString()}`, signal);
    },
  });
  function apply(e: FormEvent) {
    e.preventDefault();
    setRange({ from, to });
  }
  return (
    <div className="stack">
      <h1>{t.privacyReview.snoopingTitle}</h1>
      <p>{t.privacyReview.snoopingIntro}</p>
      <form className="filters row" onSubmit={apply} noValidate>
        <Field label={t.privacyReview.from}>
          {(a) => (
            <input {...a} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          )}
        </Field>
        <Field label={t.privacyReview.to}>
          {(a) => <input {...a} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        <button type="submit" className="button">
          {t.privacyReview.update}
        </button>
      </form>
      <QueryState query={report}>
        {(r) =>
          r.staff.length === 0 ? (
            <Empty>{t.privacyReview.noneFound}</Empty>
          ) : (
            r.staff.map((p) => (
              <section key={p.actorId} className="card stack" aria-labelledby={`s-${p.actorId}`}>
                <h2 id={`s-${p.actorId}`}>
                  {p.name} <span className="muted small">({t.privacyReview.role[p.role]})</span>
                </h2>
                <div className="table-scroll">
                  <table>
                    <caption className="visually-hidden">
                      {t.privacyReview.caption(p.name, zone)}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t.privacyReview.client}</th>
                        <th scope="col">{t.privacyReview.events}</th>
                        <th scope="col">{t.privacyReview.underGlass}</th>
                        <th scope="col">{t.privacyReview.first}</th>
                        <th scope="col">{t.privacyReview.last}</th>
                        <th scope="col">{t.privacyReview.actions}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.clients.map((c) => (
                        <tr key={c.clientId}>
                          <th scope="row">{c.clientName}</th>
                          <td>{c.events}</td>
                          <td>{c.underBreakGlass}</td>
                          <td>{formatDateTime(c.first, zone)}</td>
                          <td>{formatDateTime(c.last, zone)}</td>
                          <td className="small">{c.actions.join(', ')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            ))
          )
        }
      </QueryState>
    </div>
  );
}
