import { describe, expect, it } from 'vitest';

import { CACHE_KEY_BYTES, decodeCacheKey, encodeCacheKey, generateCacheKey } from './cache-key';

describe('cache key encoding', () => {
  it('round-trips 32 random bytes through base64', () => {
    const key = generateCacheKey();
    expect(key).toHaveLength(CACHE_KEY_BYTES);
    expect(decodeCacheKey(encodeCacheKey(key))?.equals(key)).toBe(true);
    expect(generateCacheKey().equals(key)).toBe(false);
  });

  it('refuses to encode a key of the wrong length', () => {
    expect(() => encodeCacheKey(Buffer.alloc(31))).toThrow(RangeError);
  });

  it('treats anything but canonical base64 of exactly 32 bytes as no key', () => {
    const good = encodeCacheKey(Buffer.alloc(32, 7));
    const malformed: unknown[] = [
      '',
      Buffer.alloc(31).toString('base64'),
      Buffer.alloc(33).toString('base64'),
      Buffer.alloc(64).toString('base64'),
      Buffer.alloc(32).toString('hex'),
      good.slice(0, -1),
      ` ${good}`,
      `${good}\n`,
      good.replace(/.=$/, 'B='), // non-zero padding bits: not canonical
      Buffer.alloc(32, 0xfb).toString('base64url'),
      'not base64 at all, not base64 at all, ok?',
      null,
      42,
      { key: good },
    ];
    for (const value of malformed) expect(decodeCacheKey(value)).toBeNull();
  });
});
