import { describe, expect, it } from 'vitest';
import { fhirId } from '../../../src/fhir/codes.ts';

describe('FHIR ids', () => {
  it('are stable version-5 UUIDs, distinct across kinds', () => {
    const id = fhirId('goal', '0b5c6f6e-0000-4000-8000-000000000001');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fhirId('goal', '0b5c6f6e-0000-4000-8000-000000000001')).toBe(id);
    expect(fhirId('check-in', '0b5c6f6e-0000-4000-8000-000000000001')).not.toBe(id);
  });
});
