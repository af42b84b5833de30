import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/services/password-policy.ts';

describe('password policy (ASVS 2.1)', () => {
  it.each([
    ['short1', /at least 12/],
    ['x'.repeat(129), /at most 128/],
    ['password1234', /common/],
    ['Password1234', /common/],
    ['qwertyuiop123', /common/],
    ['correct horse battery staple', /common/],
    ['aaaaaaaaaaaaaaaa', /more than one or two/],
    ['abababababababab', /more than one or two/],
  ])('refuses %s', (pw, why) => {
    expect(passwordProblem(pw)).toMatch(why);
  });

  it('refuses a password built from the e-mail or the name', () => {
    expect(passwordProblem('theodora-is-great-99', { email: 'theodora@clinic.example' })).toMatch(
      /e-mail/,
    );
    expect(passwordProblem('my name is samrivera', { name: 'Sam Rivera' })).toMatch(/name/);
  });

  it.each([
    'blue kettle on the stove',
    'twelve chars',
    'émigré-café-2026',
    'a'.repeat(60) + 'b'.repeat(60) + 'c',
  ])('accepts %s', (pw) => {
    expect(passwordProblem(pw)).toBeNull();
  });
});
