import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, openSync, readdirSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { closeSync, statSync } from 'node:fs';
import { Writable } from 'node:stream';

import { afterEach, describe, expect, it } from 'vitest';

import { createLoggerFactory } from '../log/logger';
import { accountCachePaths } from './account-files';
import { openEncryptedConnection } from './connection';
import { openAccountCache, type OpenAccountCacheResult } from './open-account-cache';
import { channel, message, newKey, tempDir } from './testing/fixtures';

const ACCOUNT = 'alice@chat.example.org';
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLoggerFactory({ destination, level: 'debug' })('cache') };
}

function open(dataDir: string, key: Buffer | null, extra: { fullCheck?: boolean } = {}) {
  const { lines, logger } = capture();
  const result = openAccountCache({ dataDir, accountId: ACCOUNT, key, logger, ...extra });
  cleanups.push(() => result.cache.close());
  return { ...result, lines };
}

/** An account cache with channel text, a message and two unsent messages; closed, on disk. */
function populated() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const key = newKey();
  const { cache } = openAccountCache({ dataDir: dir, accountId: ACCOUNT, key });
  cache.upsertChannels([channel('c1', { name: 'secret-project' })]);
  const outbox = [1, 2].map((n) => ({
    clientId: randomUUID(),
    channelId: 'c1',
    body: `unsent ${n}`,
    createdAt: n,
  }));
  outbox.forEach((entry) => cache.outbox.enqueue(entry));
  cache.applyMessages(
    Array.from({ length: 400 }, (_, i) => message('c1', i + 1, `message ${i} ${'x'.repeat(200)}`)),
  );
  cache.close();

  const { file, quarantineDir } = accountCachePaths(dir, ACCOUNT);
  return { dir, key, file, quarantineDir, outboxIds: outbox.map((e) => e.clientId) };
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

function expectRebuilt(
  result: OpenAccountCacheResult & { lines: string[] },
  quarantineDir: string,
) {
  expect(result.cache.listChannels()).toEqual([]);
  expect(result.cache.latestPage('c1', { limit: 5 }).messages).toEqual([]);
  expect(readdirSync(quarantineDir).filter((name) => name.endsWith('.db'))).toHaveLength(1);

  const event = result.lines
    .map((line) => JSON.parse(line))
    .find((l) => l.msg === 'cache.quarantined');
  expect(event).toMatchObject({ reason: expect.any(String), account: expect.any(String) });
  const logged = result.lines.join('\n');
  expect(logged).not.toContain(result.key.toString('hex'));
  expect(logged).not.toContain(ACCOUNT);
  expect(logged).not.toContain('unsent');
}

describe('openAccountCache', () => {
  it('creates a cache on first use, named by a hash of the account id', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const key = newKey();

    const result = open(dir, key);

    expect(result).toMatchObject({ recovered: 'none', salvagedOutbox: 0, keyIsNew: false });
    expect(result.cache.file).toMatch(/[0-9a-f]{32}\.db$/);
    expect(result.cache.file).not.toContain('alice');
  });

  it('makes a key when there is none and no file yet, and says the caller must store it', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);

    const result = open(dir, null);

    expect(result).toMatchObject({ recovered: 'none', keyIsNew: true });
    expect(result.key).toHaveLength(32);
  });

  it('reopens an intact cache with everything in it', () => {
    const { dir, key, outboxIds } = populated();

    const result = open(dir, key, { fullCheck: true });

    expect(result.recovered).toBe('none');
    expect(result.cache.outbox.list().map((e) => e.clientId)).toEqual(outboxIds);
    expect(result.cache.latestPage('c1', { limit: 1 }).messages[0]?.seq).toBe(400);
  });

  it('quarantines a file the key does not open and starts empty', () => {
    const { dir, file, quarantineDir } = populated();

    const result = open(dir, newKey());

    expect(result).toMatchObject({ recovered: 'wrong_key', salvagedOutbox: 0 });
    expect(statSync(file).size).toBeLessThan(100_000);
    expectRebuilt(result, quarantineDir);
  });

  it('quarantines the file when the keychain has no key, and makes a new one', () => {
    const { dir, key, quarantineDir } = populated();

    const result = open(dir, null);

    expect(result).toMatchObject({ recovered: 'missing_key', keyIsNew: true });
    expect(result.key.equals(key)).toBe(false);
    expectRebuilt(result, quarantineDir);
  });

  it('calls a damaged first page corrupt, not a wrong key', () => {
    const { dir, key, file, quarantineDir } = populated();
    overwrite(file, 100, randomBytes(64));

    const result = open(dir, key);

    expect(result.recovered).toBe('corrupt');
    expectRebuilt(result, quarantineDir);
  });

  it('salvages the outbox from a file cut short mid-page', () => {
    const { dir, key, file, quarantineDir, outboxIds } = populated();
    truncateSync(file, statSync(file).size - 1000);

    const result = open(dir, key);

    expect(result).toMatchObject({ recovered: 'corrupt', salvagedOutbox: 2 });
    expect(result.cache.outbox.list().map((e) => e.clientId)).toEqual(outboxIds);
    expectRebuilt(result, quarantineDir);
  });

  it('rebuilds after a file cut short at a page boundary', () => {
    const { dir, key, file, quarantineDir } = populated();
    truncateSync(file, Math.floor(statSync(file).size / 2 / 4096) * 4096);

    const result = open(dir, key);

    expect(result.recovered).toBe('corrupt');
    expectRebuilt(result, quarantineDir);
  });

  it('with fullCheck, finds a damaged page deep in the file and keeps the outbox', () => {
    const { dir, key, file, quarantineDir, outboxIds } = populated();
    const lastPage = statSync(file).size - 4096;
    overwrite(file, lastPage + 200, randomBytes(32));

    const result = open(dir, key, { fullCheck: true });

    expect(result).toMatchObject({ recovered: 'corrupt', salvagedOutbox: 2 });
    expect(result.cache.outbox.list().map((e) => e.clientId)).toEqual(outboxIds);
    expectRebuilt(result, quarantineDir);
  });

  it('quarantines a file that is not a database at all', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const { file, quarantineDir } = accountCachePaths(dir, ACCOUNT);
    open(dir, newKey()).cache.close();
    writeFileSync(file, 'this is not a database, just some text\n'.repeat(50));

    const result = open(dir, newKey());

    expect(result.recovered).toBe('corrupt');
    expectRebuilt(result, quarantineDir);
  });

  it('quarantines whole pages of random bytes (indistinguishable from a wrong key)', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const { file, quarantineDir } = accountCachePaths(dir, ACCOUNT);
    open(dir, newKey()).cache.close();
    writeFileSync(file, randomBytes(4096 * 4));

    const result = open(dir, newKey());

    expect(result.recovered).toBe('wrong_key');
    expectRebuilt(result, quarantineDir);
  });

  it('moves a -wal and -shm left by a crash aside with the database', () => {
    const { dir, file, quarantineDir } = populated();
    writeFileSync(`${file}-wal`, randomBytes(100));
    writeFileSync(`${file}-shm`, randomBytes(100));

    open(dir, null);

    const moved = readdirSync(quarantineDir);
    expect(moved.filter((n) => n.endsWith('.db-wal') || n.endsWith('.db-shm'))).toHaveLength(2);
    expect(existsSync(`${file}-wal`) && statSync(`${file}-wal`).size === 100).toBe(false);
  });

  it('throws, and keeps the file, when the cache is merely locked by someone else', () => {
    const { dir, key, file, quarantineDir } = populated();
    const holder = openEncryptedConnection(file, key);
    cleanups.push(() => holder.close());
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');

    expect(() => openAccountCache({ dataDir: dir, accountId: ACCOUNT, key })).toThrow(
      /locked|busy/i,
    );
    expect(existsSync(quarantineDir)).toBe(false);
    holder.exec('ROLLBACK');
  });
});
