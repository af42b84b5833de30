import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  otpauthUri,
  timeStep,
} from '../../src/services/totp.ts';

// RFC 4226 Appendix D (HOTP, secret "12345678901234567890").
const rfc4226 = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];
// RFC 6238 Appendix B, SHA-1, 8 digits.
const rfc6238: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];
const secret = Buffer.from('12345678901234567890');

describe('TOTP (RFC 4226 / RFC 6238)', () => {
  it.each(rfc4226.map((code, counter) => [counter, code] as const))(
    'HOTP counter %i → %s',
    (counter, code) => {
      expect(hotp(secret, counter)).toBe(code);
    },
  );

  it.each(rfc6238)('TOTP at %i s → %s', (seconds, code) => {
    expect(hotp(secret, timeStep(new Date(seconds * 1000)), 8)).toBe(code);
  });

  it('accepts a code one step either side and no further', () => {
    const b32 = base32Encode(secret);
    const at = new Date(1_700_000_000_000);
    const step = timeStep(at);
    for (const d of [-1, 0, 1]) expect(matchTotp(b32, hotp(secret, step + d), at)).toBe(step + d);
    for (const d of [-3, -2, 2, 3]) expect(matchTotp(b32, hotp(secret, step + d), at)).toBeNull();
    expect(matchTotp(b32, '12345', at)).toBeNull();
    expect(matchTotp(b32, 'abcdef', at)).toBeNull();
  });

  it('round-trips base32', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const buf = Buffer.from(bytes);
        expect(base32Decode(base32Encode(buf)).equals(buf)).toBe(true);
      }),
    );
  });

  it('builds an otpauth URI authenticator apps read', () => {
    const uri = otpauthUri('Stepwise', 'theo@clinic.example', 'JBSWY3DPEHPK3PXP');
    expect(uri).toBe(
      'otpauth://totp/Stepwise%3Atheo%40clinic.example?secret=JBSWY3DPEHPK3PXP&issuer=Stepwise&algorithm=SHA1&digits=6&period=30',
    );
  });
});
