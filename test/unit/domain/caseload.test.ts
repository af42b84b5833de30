import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  caseloadOrder,
  caseloadStatus,
  compareCaseload,
  type CaseloadSignals,
} from '../../../src/domain/caseload.ts';

const calm: CaseloadSignals = {
  openAlerts: { risk: 0, deterioration: 0, offTrack: 0, silence: 0 },
  reliableDeterioration: false,
  reliableImprovement: false,
  goalsOffTrack: 0,
  daysSinceCheckIn: 1,
  silenceDays: 7,
  trends: ['flat'],
  hasData: true,
};

describe('caseload status', () => {
  it.each<[string, Partial<CaseloadSignals>, string]>([
    [
      'risk beats everything',
      {
        openAlerts: { risk: 1, deterioration: 1, offTrack: 1, silence: 1 },
        reliableImprovement: true,
      },
      'at-risk',
    ],
    [
      'an open deterioration alert',
      { openAlerts: { risk: 0, deterioration: 1, offTrack: 0, silence: 0 } },
      'deteriorating',
    ],
    [
      'reliable deterioration without an alert',
      { reliableDeterioration: true, trends: ['improving'] },
      'deteriorating',
    ],
    ['a goal off track', { goalsOffTrack: 1, trends: ['improving'] }, 'off-track'],
    ['silent at the threshold', { daysSinceCheckIn: 7 }, 'silent'],
    ['not silent a day before', { daysSinceCheckIn: 6 }, 'stuck'],
    ['no data yet', { hasData: false, daysSinceCheckIn: null, trends: [] }, 'new'],
    ['improving trend', { trends: ['improving', 'flat'] }, 'improving'],
    ['reliable improvement', { reliableImprovement: true, trends: ['flat'] }, 'improving'],
    ['all flat', { trends: ['flat', 'flat'] }, 'stuck'],
    ['unknown trends only', { trends: ['unknown'] }, 'steady'],
  ])('%s', (_, change, expected) => {
    expect(caseloadStatus({ ...calm, ...change })).toBe(expected);
  });

  it('always puts a client with an open risk alert first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        (risk, det, off) => {
          const status = caseloadStatus({
            ...calm,
            openAlerts: { risk, deterioration: det ? 1 : 0, offTrack: off, silence: 0 },
          });
          expect(status).toBe('at-risk');
          expect(
            compareCaseload({ status, name: 'Zed' }, { status: 'deteriorating', name: 'Amy' }),
          ).toBeLessThan(0);
        },
      ),
    );
  });

  it('orders by status then name', () => {
    const rows = caseloadOrder
      .map((status, i) => ({ status, name: String.fromCharCode(90 - i) }))
      .reverse();
    expect([...rows].sort(compareCaseload).map((r) => r.status)).toEqual(caseloadOrder);
  });
});
