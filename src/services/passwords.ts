import { hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id minimum: m = 19 MiB, t = 2, p = 1. */
const params = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which verbatimModuleSyntax cannot import)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, params);
}

// A real hash to verify against when the e-mail is unknown, so both failures cost the same time.
let decoy: Promise<string> | undefined;

export async function verifyPassword(
  stored: string | undefined,
  password: string,
): Promise<boolean> {
  if (stored === undefined) {
    decoy ??= hashPassword('stepwise-decoy-password');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

export const passwordRules = { min: 12, max: 128 } as const;
