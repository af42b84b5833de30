import { useState } from 'react';
import type { AlertView } from '../../../src/contract/alerts.ts';
import { t } from '../i18n/index.ts';

/** Remembers the last acknowledged alert, and says so in a live region. */
export function useDoneNote() {
  const [done, setDone] = useState<AlertView | undefined>();
  const note = (
    <p role="status" className="ok-text">
      {done && `✓ ${t.alerts.doneFor(done.clientName)}`}
    </p>
  );
  return { setDone, note };
}
