import { t } from '../../i18n/index.ts';
import type { GoalDraft } from './goal-draft.ts';

const fields: (keyof GoalDraft)[] = [
  'title',
  'why',
  'measureName',
  'measureKind',
  'unit',
  'better',
  'baseline',
  'target',
  'dueDate',
  'status',
  'gasOn',
  'gas',
  'gasWeight',
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const show = (v: unknown) =>
  (typeof v === 'object' ? JSON.stringify(v) : String(v)) || t.revisions.empty;

/**
 * After a 412: each field someone else or this editor changed, as it was when the editor
 * opened, as it is saved now, and as this editor wants it. Re-applying sends only this
 * editor's own changes on top of theirs.
 */
export function StaleNotice({
  before,
  theirs,
  mine,
  version,
  onReapply,
  onDiscard,
}: {
  before: GoalDraft;
  theirs: GoalDraft;
  mine: GoalDraft;
  version: number;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const rows = fields.filter((f) => !same(before[f], theirs[f]) || !same(before[f], mine[f]));
  return (
    <section className="notice stack" role="alert" aria-labelledby="stale-h">
      <h2 id="stale-h">{t.stale.title}</h2>
      <p>{t.stale.body(version)}</p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t.stale.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.stale.field}</th>
              <th scope="col">{t.stale.before}</th>
              <th scope="col">{t.stale.theirs}</th>
              <th scope="col">{t.stale.mine}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f}>
                <th scope="row">{t.revisions.field(f)}</th>
                <td>{show(before[f])}</td>
                <td>{same(before[f], theirs[f]) ? t.stale.unchanged : show(theirs[f])}</td>
                <td>{same(before[f], mine[f]) ? t.stale.unchanged : show(mine[f])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row">
        <button type="button" className="button primary" onClick={onReapply}>
          {t.stale.reapply}
        </button>
        <button type="button" className="button" onClick={onDiscard}>
          {t.stale.discard}
        </button>
      </div>
    </section>
  );
}
