import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInBody } from '../../../src/contract/measurement.ts';
import { checkInBodyHash } from '../../../src/services/check-ins.ts';

const clientId = '2f1c6a0e-4b7a-4a5e-9d35-6a3f1f2b9c01';
const body = fc.record(
  {
    id: fc.uuid(),
    measureId: fc.uuid(),
    value: fc.double({ min: 0, max: 1000, noNaN: true }),
    at: fc
      .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
      .map((ms) => new Date(ms).toISOString()),
    note: fc.string({ maxLength: 40 }),
  },
  { requiredKeys: ['id', 'measureId', 'value'] },
);
const hashOf = (b: unknown) => checkInBodyHash(clientId, checkInBody.parse(b));

/** The same fields in reverse key order, with `at` written in another offset. */
function reworded(b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(b).reverse()) out[k] = b[k];
  if (typeof b.at === 'string') {
    const local = new Date(Date.parse(b.at) - 5 * 3_600_000).toISOString().slice(0, 23);
    out.at = `${local}-05:00`;
  }
  return out;
}

describe('checkInBodyHash: what makes a retry "the same body"', () => {
  it('ignores key order and how `at` is written', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect(hashOf(reworded(b))).toBe(hashOf(b));
      }),
    );
  });

  it('changes when any field changes', () => {
    fc.assert(
      fc.property(body, (b) => {
        const h = hashOf(b);
        expect(hashOf({ ...b, value: b.value + 1 })).not.toBe(h);
        expect(hashOf({ ...b, note: `${b.note ?? ''}!` })).not.toBe(h);
        expect(hashOf({ ...b, at: '2019-06-01T00:00:00Z' })).not.toBe(h);
        expect(checkInBodyHash('another-client', checkInBody.parse(b))).not.toBe(h);
      }),
    );
  });

  it('keeps a body without `at` different from one with it', () => {
    const b = { id: clientId, measureId: clientId, value: 1 };
    expect(hashOf(b)).not.toBe(hashOf({ ...b, at: '2026-03-01T00:00:00Z' }));
    expect(hashOf(b)).toBe(hashOf({ ...b, note: '' }));
  });
});
