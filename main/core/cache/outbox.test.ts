import { randomUUID } from 'node:crypto';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { openEncryptedConnection } from './connection';
import { openCacheDatabase } from './message-cache';
import { OutboxStore } from './outbox-store';
import { openTestCache } from './testing/fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function setup() {
  const test = openTestCache();
  cleanups.push(test.cleanup);
  return test;
}

function entry(createdAt: number, body = 'unsent words') {
  return { clientId: randomUUID(), channelId: 'c1', body, createdAt };
}

describe('outbox', () => {
  it('lists entries oldest first, pending with no attempts', () => {
    const { cache } = setup();
    const late = entry(200);
    const early = entry(100);
    cache.outbox.enqueue(late);
    cache.outbox.enqueue(early);

    expect(cache.outbox.list()).toEqual([
      { ...early, state: 'pending', attempts: 0, lastError: null },
      { ...late, state: 'pending', attempts: 0, lastError: null },
    ]);
  });

  it('keeps the first entry when a clientId is enqueued twice', () => {
    const { cache } = setup();
    const first = entry(1, 'first');

    expect(cache.outbox.enqueue(first)).toBe(true);
    expect(cache.outbox.enqueue({ ...first, body: 'second' })).toBe(false);
    expect(cache.outbox.list().map((e) => e.body)).toEqual(['first']);
  });

  it('records failures and counts attempts', () => {
    const { cache } = setup();
    const queued = entry(1);
    cache.outbox.enqueue(queued);

    cache.outbox.markFailed(queued.clientId, 'timeout');
    cache.outbox.markFailed(queued.clientId, 'rate_limited');

    expect(cache.outbox.list()[0]).toMatchObject({
      state: 'failed',
      attempts: 2,
      lastError: 'rate_limited',
    });
  });

  it('removes an acknowledged entry', () => {
    const { cache } = setup();
    const queued = entry(1);
    cache.outbox.enqueue(queued);

    expect(cache.outbox.remove(queued.clientId)).toBe(true);
    expect(cache.outbox.remove(queued.clientId)).toBe(false);
    expect(cache.outbox.list()).toEqual([]);
  });

  it('survives closing and reopening the cache', () => {
    const { cache, file, key } = setup();
    const queued = [entry(1), entry(2)];
    queued.forEach((e) => cache.outbox.enqueue(e));
    cache.close();

    const reopened = openCacheDatabase({ file, key });
    cleanups.push(() => reopened.close());

    expect(reopened.outbox.list().map((e) => e.clientId)).toEqual(queued.map((e) => e.clientId));
  });

  it('commits an enqueue with synchronous=FULL and goes back to NORMAL after', () => {
    const { file, key } = setup();
    const db = openEncryptedConnection(file, key);
    cleanups.push(() => db.close());
    const store = new OutboxStore(db);
    const pragmas = vi.spyOn(db, 'pragma');

    store.enqueue(entry(1));

    expect(pragmas.mock.calls.map(([source]) => source)).toEqual([
      'synchronous = FULL',
      'synchronous = NORMAL',
    ]);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
  });
});
