import type { CaseloadStatusName } from '../../../src/contract/clients.ts';
import type { GoalView } from '../../../src/contract/goals.ts';
import { t } from '../i18n/index.ts';

const look: Record<CaseloadStatusName, { icon: string; tone: string }> = {
  'at-risk': { icon: '⚠', tone: 'danger' },
  deteriorating: { icon: '↘', tone: 'danger' },
  'off-track': { icon: '⤳', tone: 'warn' },
  silent: { icon: '…', tone: 'warn' },
  improving: { icon: '↗', tone: 'ok' },
  stuck: { icon: '→', tone: 'plain' },
  steady: { icon: '=', tone: 'info' },
  new: { icon: '★', tone: 'info' },
};

/** Where a client stands, in words and an icon as well as colour. */
export function StatusBadge({ status }: { status: CaseloadStatusName }) {
  const l = look[status];
  return (
    <span className={`badge badge-${l.tone}`}>
      <span aria-hidden="true">{l.icon} </span>
      {t.caseload.status[status]}
    </span>
  );
}

/** Severity bands of the PHQ-9/GAD-7, with a tone that rises with the band. */
export function SeverityBadge({ severity }: { severity: string }) {
  const tone =
    severity === 'severe' || severity === 'moderately severe'
      ? 'danger'
      : severity === 'moderate'
        ? 'warn'
        : 'plain';
  return <span className={`badge badge-${tone}`}>{t.severity(severity)}</span>;
}

/** A goal's status, and "Sustaining" while an achieved goal is in its sustaining phase. */
export function GoalStatusBadges({ goal }: { goal: Pick<GoalView, 'status' | 'sustaining'> }) {
  return (
    <span className="badges">
      <span className="badge badge-info">{t.goal.status[goal.status]}</span>
      {goal.sustaining && <span className="badge badge-ok">{t.sustain.badge}</span>}
    </span>
  );
}
