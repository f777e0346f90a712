import type { PasswordPolicy } from '../config';
import { ServiceError } from '../errors';

/**
 * What a password lacks under the policy, in words a person can act on, e.g.
 * ["at least 12 characters", "a digit"]. Characters are counted as code points; a symbol is
 * anything that is neither a letter nor a digit (a space counts).
 */
export function missingFromPassword(password: string, policy: PasswordPolicy): string[] {
  const missing: string[] = [];

  if ([...password].length < policy.minLength) {
    missing.push(`at least ${policy.minLength} character${policy.minLength === 1 ? '' : 's'}`);
  }
  if (policy.requireLower && !/\p{Ll}/u.test(password)) missing.push('a lowercase letter');
  if (policy.requireUpper && !/\p{Lu}/u.test(password)) missing.push('an uppercase letter');
  if (policy.requireDigit && !/\p{Nd}/u.test(password)) missing.push('a digit');
  if (policy.requireSymbol && !/[^\p{L}\p{N}]/u.test(password)) missing.push('a symbol');

  return missing;
}

/** Throws `password_policy` with a sentence naming exactly what is missing. */
export function assertPasswordPolicy(password: string, policy: PasswordPolicy): void {
  const missing = missingFromPassword(password, policy);
  if (missing.length === 0) return;

  throw new ServiceError('password_policy', `The password needs ${listInWords(missing)}.`);
}

function listInWords(items: string[]): string {
  if (items.length === 1) return items[0]!;

  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}
