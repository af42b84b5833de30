import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { GoalDraftView } from '../../../../src/contract/goal-drafts.ts';
import { errorText, send } from '../../api/http.ts';
import { keys, useDrafts } from '../../api/queries.ts';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { WizardCreated } from './goal-wizard.tsx';

const w = t.wizard;

/**
 * Where the wizard starts and is picked up again (the client's Goals page, the therapist's client
 * page): "Goals created" after finishing, then the open drafts, most recently saved first, each
 * to resume or discard.
 */
export function OpenDrafts({
  clientId,
  basePath,
  timeZone,
  client,
}: {
  clientId: string;
  /** `/goals/plan` or `/clients/:clientId/goals/plan`. */
  basePath: string;
  timeZone: string;
  client: boolean;
}) {
  const drafts = useDrafts(clientId);
  const created = (useLocation().state as WizardCreated | null)?.wizardCreated;
  const list = drafts.data?.drafts ?? [];
  return (
    <>
      <p role="status" className="ok-text">
        {created !== undefined && `✓ ${w.created(created, client)}`}
      </p>
      {drafts.error && <p className="error-text">⚠ {errorText(drafts.error)}</p>}
      {list.length > 0 && (
        <section className="card stack" aria-labelledby="drafts-h">
          <h2 id="drafts-h">{w.openDrafts}</h2>
          <ul className="plain-list stack">
            {list.map((d) => (
              <DraftItem
                key={d.id}
                draft={d}
                href={`${basePath}/${d.id}`}
                timeZone={timeZone}
                onGone={() => void drafts.refetch()}
              />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function DraftItem({
  draft,
  href,
  timeZone,
  onGone,
}: {
  draft: GoalDraftView;
  href: string;
  timeZone: string;
  onGone: () => void;
}) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  // The question replaces the button that asked it, so the keyboard focus moves to the answer.
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) yes.current?.focus();
  }, [confirming]);
  const [error, setError] = useState<string | undefined>();
  const titles = (draft.content.goals ?? []).map((g) => g.title).filter(Boolean);
  const what = titles.length ? titles.join(' · ') : w.untitled;

  async function discard() {
    try {
      await send(
        'PATCH',
        `/api/goal-drafts/${draft.id}`,
        { discarded: true },
        `"${draft.version}"`,
      );
      queryClient.removeQueries({ queryKey: keys.draft(draft.id) });
      onGone();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <li className="stack">
      <div className="spread">
        <span>
          <strong>{what}</strong>
          <br />
          <span className="muted small">
            {w.draftState(draft.step, formatDateTime(draft.updatedAt, timeZone))}
          </span>
        </span>
        <span className="row">
          <Link to={href} className="button primary" aria-label={w.resumeNamed(what)}>
            {w.resume}
          </Link>
          {!confirming && (
            <button
              type="button"
              className="button"
              aria-label={w.discardNamed(what)}
              onClick={() => setConfirming(true)}
            >
              {w.discard}
            </button>
          )}
        </span>
      </div>
      {confirming && (
        <div className="row" role="group" aria-label={w.discardNamed(what)}>
          <span>{w.discardConfirm}</span>
          <button ref={yes} type="button" className="button" onClick={() => void discard()}>
            {w.discardYes}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {w.keep}
          </button>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          ⚠ {error}
        </p>
      )}
    </li>
  );
}
