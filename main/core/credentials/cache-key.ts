import { randomBytes } from 'node:crypto';

/** SQLCipher raw key length: 32 random bytes. */
export const CACHE_KEY_BYTES = 32;

/** Standard base64 of 32 bytes: 43 characters and one '=' pad. */
const BASE64_32_BYTES = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

export function generateCacheKey(): Buffer {
  return randomBytes(CACHE_KEY_BYTES);
}

export function encodeCacheKey(key: Buffer): string {
  if (key.length !== CACHE_KEY_BYTES) {
    throw new RangeError(`A cache key must be exactly ${CACHE_KEY_BYTES} bytes.`);
  }
  return key.toString('base64');
}

/**
 * The key stored in the keychain, or null when the stored text is not canonical base64 of
 * exactly 32 bytes. Node's decoder skips bad characters silently, so the text is checked first.
 */
export function decodeCacheKey(stored: unknown): Buffer | null {
  if (typeof stored !== 'string' || !BASE64_32_BYTES.test(stored)) return null;

  const key = Buffer.from(stored, 'base64');
  return key.length === CACHE_KEY_BYTES ? key : null;
}
