/**
 * Where a client stands on the caseload dashboard, for sorting and at-a-glance labels. The
 * order is a Stepwise design decision: safety first (risk), then measured worsening, goals
 * behind their line, silence, and only then good news.
 */
export type CaseloadStatus =
  'at-risk' | 'deteriorating' | 'off-track' | 'silent' | 'improving' | 'stuck' | 'steady' | 'new';

export const caseloadOrder: readonly CaseloadStatus[] = [
  'at-risk',
  'deteriorating',
  'off-track',
  'silent',
  'improving',
  'stuck',
  'steady',
  'new',
];

export interface CaseloadSignals {
  openAlerts: { risk: number; deterioration: number; offTrack: number; silence: number };
  /** Reliable deterioration on either instrument, first vs latest (SPEC §6). */
  reliableDeterioration: boolean;
  reliableImprovement: boolean;
  goalsOffTrack: number;
  /** Whole days since the last check-in in the client's day; null when there has been none. */
  daysSinceCheckIn: number | null;
  silenceDays: number;
  /** Trend directions of active goals with a measure. */
  trends: readonly ('improving' | 'worsening' | 'flat' | 'unknown')[];
  hasData: boolean;
}

/** The one status a client shows on the dashboard (the most urgent that applies). */
export function caseloadStatus(s: CaseloadSignals): CaseloadStatus {
  if (s.openAlerts.risk > 0) return 'at-risk';
  if (s.openAlerts.deterioration > 0 || s.reliableDeterioration) return 'deteriorating';
  if (s.openAlerts.offTrack > 0 || s.goalsOffTrack > 0) return 'off-track';
  if (
    s.openAlerts.silence > 0 ||
    (s.hasData && (s.daysSinceCheckIn === null || s.daysSinceCheckIn >= s.silenceDays))
  )
    return 'silent';
  if (!s.hasData) return 'new';
  const improving = s.trends.filter((t) => t === 'improving').length;
  const worsening = s.trends.filter((t) => t === 'worsening').length;
  if (s.reliableImprovement || improving > worsening) return 'improving';
  if (s.trends.length > 0 && s.trends.every((t) => t === 'flat' || t === 'worsening'))
    return 'stuck';
  return 'steady';
}

/** Sort key: status rank, then name. */
export function compareCaseload(
  a: { status: CaseloadStatus; name: string },
  b: { status: CaseloadStatus; name: string },
): number {
  return (
    caseloadOrder.indexOf(a.status) - caseloadOrder.indexOf(b.status) ||
    a.name.localeCompare(b.name)
  );
}
