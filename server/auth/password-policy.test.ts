import { describe, expect, it } from 'vitest';

import { PasswordPolicySchema } from '../config';
import { assertPasswordPolicy, missingFromPassword } from './password-policy';

const strict = PasswordPolicySchema.parse({
  minLength: 12,
  requireLower: true,
  requireUpper: true,
  requireDigit: true,
  requireSymbol: true,
});

function messageFor(password: string, policy = strict): string {
  try {
    assertPasswordPolicy(password, policy);
  } catch (error) {
    expect(error).toMatchObject({ code: 'password_policy' });
    return (error as Error).message;
  }
  return 'accepted';
}

describe('password policy', () => {
  it('names the length and the one missing class', () => {
    const policy = PasswordPolicySchema.parse({ minLength: 12, requireDigit: true });

    expect(messageFor('short', policy)).toBe(
      'The password needs at least 12 characters and a digit.',
    );
  });

  it('lists every missing class in order, joined in plain words', () => {
    expect(messageFor('abc')).toBe(
      'The password needs at least 12 characters, an uppercase letter, a digit and a symbol.',
    );
    expect(messageFor('ABCDEFGHIJKLMN')).toBe(
      'The password needs a lowercase letter, a digit and a symbol.',
    );
  });

  it('accepts a password that meets every rule', () => {
    expect(messageFor('Correct-Horse-7')).toBe('accepted');
  });

  it('counts characters, not bytes, and treats non-ASCII letters as letters', () => {
    const policy = PasswordPolicySchema.parse({ minLength: 4, requireUpper: true });

    expect(missingFromPassword('Ünïç', policy)).toEqual([]);
    expect(missingFromPassword('ünï', policy)).toEqual([
      'at least 4 characters',
      'an uppercase letter',
    ]);
  });

  it('by default asks only for twelve characters', () => {
    const policy = PasswordPolicySchema.parse({});

    expect(missingFromPassword('correct horse battery', policy)).toEqual([]);
    expect(messageFor('eleven-char', policy)).toBe('The password needs at least 12 characters.');
  });
});
