import type { RevisionView } from '../../../../src/contract/goals.ts';
import { useRevisions } from '../../api/queries.ts';
import { Empty, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return t.revisions.empty;
  if (typeof v === 'object' && 'name' in v) return String((v as { name: unknown }).name);
  if (typeof v === 'object' && 'levels' in v) return t.revisions.gasScale;
  if (typeof v === 'object' && 'checkInEveryDays' in v) {
    const s = v as { checkInEveryDays: number; slipThreshold?: number | null };
    return t.sustain.revision(s.checkInEveryDays, s.slipThreshold ?? null);
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** One revision in plain words: "Theo changed the target from 5 to 7 — reason: …". */
export function describeRevision(
  r: RevisionView,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const changes = Object.entries(r.changes);
  const entity = r.entity ?? 'goal';
  let what: string;
  if (entity !== 'goal') {
    const title = changes.find(([f]) => f === 'title');
    const created = title && title[1].from === null;
    const done = changes.find(([f]) => f === 'done');
    const removed = changes.find(([f, c]) => f === 'removed' && c.to === true);
    const status = changes.find(([f]) => f === 'status');
    if (created) what = t.revisions.added(entity, show(title[1].to));
    else if (removed) what = t.revisions.removedChild(entity);
    else if (done) {
      const name = names.get(r.entityId ?? '') ?? '';
      what = done[1].to ? t.revisions.ticked(name) : t.revisions.unticked(name);
    } else if (status) what = t.revisions.childStatus(entity, show(status[1].to));
    else
      what = t.revisions.changedChild(
        entity,
        changes.map(([f]) => t.revisions.field(f)).join(', '),
      );
  } else if (r.version === 1) {
    what = t.revisions.created;
  } else {
    what = changes
      .map(([f, c]) =>
        c.from === null || c.from === undefined
          ? t.revisions.set(t.revisions.field(f), show(c.to))
          : c.to === null || c.to === undefined
            ? t.revisions.cleared(t.revisions.field(f))
            : t.revisions.changed(t.revisions.field(f), show(c.from), show(c.to)),
      )
      .join('; ');
  }
  return `${r.byName} ${what}${r.reason ? ` — ${t.revisions.reason(r.reason)}` : ''}`;
}

export function RevisionHistory({
  goalId,
  timeZone,
  names,
}: {
  goalId: string;
  timeZone: string;
  /** Titles of the goal's steps and practices by id, to name them in the history. */
  names?: ReadonlyMap<string, string>;
}) {
  const revisions = useRevisions(goalId);
  return (
    <QueryState query={revisions}>
      {(d) =>
        d.revisions.length === 0 ? (
          <Empty>{t.revisions.none}</Empty>
        ) : (
          <ol className="history">
            {[...d.revisions].reverse().map((r) => (
              <li key={`${r.entity ?? 'goal'}-${r.entityId ?? ''}-${r.version}-${r.at}`}>
                <time dateTime={r.at} className="muted small">
                  {formatDateTime(r.at, timeZone)}
                </time>
                <p>{describeRevision(r, names)}</p>
              </li>
            ))}
          </ol>
        )
      }
    </QueryState>
  );
}
