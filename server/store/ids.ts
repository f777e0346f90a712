import { randomBytes } from 'node:crypto';

/** Random, URL-safe ids matching the protocol's IdSchema, with a short type prefix. */
export function newId(prefix: 'u' | 's' | 'c' | 'm'): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
