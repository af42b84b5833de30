import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.ts';
import { passwordRules } from './passwords.ts';

/**
 * OWASP ASVS 2.1: at least 12 characters (15 recommended), up to 128, no composition rules,
 * and not a known common or breached password. The shipped list holds common passwords and the
 * usual variations people make of them (a year, "123", "!", doubling); anything shorter than
 * 12 is already refused by length.
 */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(join(packageRoot, 'src', 'services', 'data', 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return common;
}

export const recommendedLength = 15;

/** Why a password is refused, in words for the person choosing it; null when it is acceptable. */
export function passwordProblem(
  password: string,
  context: { email?: string; name?: string } = {},
): string | null {
  const chars = [...password];
  if (chars.length < passwordRules.min)
    return `Use at least ${passwordRules.min} characters (${recommendedLength} or more is better). A short phrase is easy to remember.`;
  if (chars.length > passwordRules.max) return `Use at most ${passwordRules.max} characters.`;
  const folded = password.toLowerCase().replace(/\s+/g, ' ').trim();
  if (commonPasswords().has(folded) || commonPasswords().has(folded.replace(/ /g, ''))) {
    return 'That password is on lists of common passwords that attackers try first. Choose something less predictable.';
  }
  if (new Set(chars).size <= 2) return 'Use more than one or two different characters.';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && folded.includes(local))
    return 'Do not build the password from your e-mail address.';
  const name = context.name?.toLowerCase().replace(/\s+/g, '');
  if (name && name.length >= 4 && folded.replace(/ /g, '').includes(name))
    return 'Do not build the password from your name.';
  return null;
}
