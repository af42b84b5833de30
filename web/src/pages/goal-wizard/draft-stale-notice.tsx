import { useState } from 'react';
import { t } from '../../i18n/index.ts';

const w = t.wizard;

/**
 * After a 412, as the goal editor's stale notice does: say the draft was saved elsewhere, and
 * let the person load that version — or save this step's section over it.
 */
export function DraftStaleNotice({
  detail,
  onReload,
  onKeepMine,
  canKeepMine,
}: {
  detail: string;
  onReload: () => Promise<void>;
  onKeepMine: () => Promise<void>;
  canKeepMine: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const run = (action: () => Promise<void>) => {
    setBusy(true);
    void action().finally(() => setBusy(false));
  };
  return (
    <section className="notice stack" role="alert" aria-labelledby="draft-stale-h">
      <h2 id="draft-stale-h">{w.staleTitle}</h2>
      <p>{detail}</p>
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => run(onReload)}
        >
          {w.reload}
        </button>
        {canKeepMine && (
          <button type="button" className="button" disabled={busy} onClick={() => run(onKeepMine)}>
            {w.keepMine}
          </button>
        )}
      </div>
    </section>
  );
}
