import { afterEach, describe, expect, it } from 'vitest';

import { CacheOpenError } from './errors';
import { openCacheDatabase } from './message-cache';
import { message, newKey, openTestCache } from './testing/fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('rekey', () => {
  it('re-encrypts the file: the new key opens it with all data, the old key no longer does', () => {
    const test = openTestCache();
    cleanups.push(test.cleanup);
    test.cache.applyMessages([message('c1', 1, 'kept across rekey')]);
    const replacement = newKey();

    test.cache.rekey(replacement);
    test.cache.applyMessages([message('c1', 2, 'written after rekey')]);
    test.cache.close();

    expect(() => openCacheDatabase({ file: test.file, key: test.key })).toThrow(CacheOpenError);
    const reopened = openCacheDatabase({ file: test.file, key: replacement });
    cleanups.push(() => reopened.close());
    expect(reopened.latestPage('c1', { limit: 10 }).messages.map((m) => m.body)).toEqual([
      'kept across rekey',
      'written after rekey',
    ]);
    expect(reopened.search('rekey', { limit: 10 })).toHaveLength(2);
  });

  it('refuses a key that is not 32 bytes and leaves the file as it was', () => {
    const test = openTestCache();
    cleanups.push(test.cleanup);

    expect(() => test.cache.rekey(Buffer.alloc(16))).toThrow(TypeError);
    test.cache.close();
    expect(() => openCacheDatabase({ file: test.file, key: test.key }).close()).not.toThrow();
  });
});
