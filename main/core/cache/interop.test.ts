import { readFileSync } from 'node:fs';

import { afterEach, describe, expect, it } from 'vitest';

import { message, newKey, openTestCache } from './testing/fixtures';
import { readWithSqlcipher } from './testing/sqlcipher-reader';

const BODY = 'quarterly numbers are ready';
const CHANNEL_NAME = 'finance-confidential';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function writtenCache() {
  const test = openTestCache([]);
  cleanups.push(test.cleanup);
  test.cache.upsertChannels([{ id: 'c1', name: CHANNEL_NAME, topic: '', lastRev: 0 }]);
  test.cache.applyMessages([message('c1', 1, BODY)]);
  test.cache.outbox.enqueue({ clientId: 'o1', channelId: 'c1', body: BODY, createdAt: 1 });
  test.cache.close();
  return test;
}

describe('SQLCipher 4 interoperability', () => {
  it('an independent SQLCipher 4 build reads a message back with the raw key', async () => {
    const { file, key } = writtenCache();

    const row = await readWithSqlcipher(file, key, 'SELECT body FROM messages WHERE seq = 1');

    expect(row).toEqual({ body: BODY });
  });

  it('the same build cannot read the file without the key or with another key', async () => {
    const { file } = writtenCache();
    const query = 'SELECT count(*) FROM sqlite_master';

    await expect(readWithSqlcipher(file, null, query)).rejects.toThrow(/not a database/);
    await expect(readWithSqlcipher(file, newKey(), query)).rejects.toThrow(/not a database/);
  });

  it('the file on disk holds neither message text nor channel names', () => {
    const { file } = writtenCache();
    const bytes = readFileSync(file);

    for (const secret of [BODY, 'quarterly', CHANNEL_NAME, 'finance', 'CREATE TABLE']) {
      expect(bytes.includes(secret)).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
    }
  });
});
