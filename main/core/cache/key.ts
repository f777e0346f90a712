/** The cache key: 32 random bytes, used as a raw SQLCipher key (no password derivation). */
export const CACHE_KEY_BYTES = 32;

export function assertCacheKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== CACHE_KEY_BYTES) {
    throw new TypeError(`cache key must be ${CACHE_KEY_BYTES} bytes`);
  }
}

/**
 * The value for `PRAGMA key` / `PRAGMA rekey` in SQLCipher's raw-key blob syntax. The hex comes
 * from a Buffer we checked, so nothing user-supplied reaches the pragma text.
 */
export function rawKeyPragmaValue(key: Buffer): string {
  assertCacheKey(key);
  return `"x'${key.toString('hex')}'"`;
}
