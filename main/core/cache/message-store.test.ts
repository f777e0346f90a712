import { afterEach, describe, expect, it } from 'vitest';

import { message, openTestCache } from './testing/fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function setup(channels = ['c1', 'c2']) {
  const test = openTestCache(channels);
  cleanups.push(test.cleanup);
  return test.cache;
}

describe('applyMessages', () => {
  it('stores new messages and reports them as changed', () => {
    const cache = setup();
    const first = message('c1', 1, 'hello');

    const result = cache.applyMessages([first, message('c1', 2, 'world')]);

    expect(result.changed.map((m) => m.id)).toEqual(['c1-m1', 'c1-m2']);
    expect(cache.latestPage('c1', { limit: 10 }).messages[0]).toEqual(first);
  });

  it('replaces a message when a newer rev arrives and ignores an older or equal one', () => {
    const cache = setup();
    const original = message('c1', 1, 'first draft');
    const edited = { ...original, rev: 5, body: 'final text', editedAt: 99 };
    cache.applyMessages([original]);

    expect(cache.applyMessages([edited]).changed).toEqual([edited]);

    const replay = cache.applyMessages([original, { ...edited, body: 'same rev' }]);
    expect(replay).toEqual({ changed: [], stale: 2, unknownChannel: 0 });
    expect(cache.latestPage('c1', { limit: 1 }).messages[0]).toEqual(edited);
  });

  it('keeps no text for a deleted message', () => {
    const cache = setup();
    cache.applyMessages([message('c1', 1, 'secret words')]);

    cache.applyMessages([message('c1', 1, 'secret words', { rev: 2, deleted: true })]);

    const [stored] = cache.latestPage('c1', { limit: 1 }).messages;
    expect(stored).toMatchObject({ deleted: true, body: '', rev: 2 });
  });

  it('skips messages for a channel the cache does not hold, without failing the batch', () => {
    const cache = setup(['c1']);

    const result = cache.applyMessages([message('c1', 1, 'a'), message('zz', 1, 'b')]);

    expect(result.changed).toHaveLength(1);
    expect(result.unknownChannel).toBe(1);
  });

  it('writes the whole batch or nothing', () => {
    const cache = setup();
    const bad = { ...message('c1', 2, 'x'), seq: null as unknown as number };

    expect(() => cache.applyMessages([message('c1', 1, 'a'), bad])).toThrow();
    expect(cache.latestPage('c1', { limit: 10 }).messages).toEqual([]);
  });
});

describe('latestPage', () => {
  function filled() {
    const cache = setup();
    // Stored out of order and interleaved with another channel.
    const seqs = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];
    cache.applyMessages(seqs.map((seq) => message('c1', seq, `m${seq}`)));
    cache.applyMessages([message('c2', 1, 'other')]);
    return cache;
  }

  it('returns the newest messages in ascending seq order', () => {
    const page = filled().latestPage('c1', { limit: 4 });

    expect(page.messages.map((m) => m.seq)).toEqual([7, 8, 9, 10]);
    expect(page.hasMore).toBe(true);
  });

  it('pages backwards with beforeSeq until nothing is left', () => {
    const cache = filled();
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    let hasMore = true;

    while (hasMore) {
      const page = cache.latestPage('c1', { limit: 3, beforeSeq });
      seen.unshift(...page.messages.map((m) => m.seq));
      beforeSeq = page.messages[0]?.seq;
      hasMore = page.hasMore;
    }

    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('says there is no more when the page holds exactly what is left', () => {
    const page = filled().latestPage('c1', { limit: 10 });

    expect(page.messages).toHaveLength(10);
    expect(page.hasMore).toBe(false);
  });

  it('refuses a limit outside 1..historyPageMax', () => {
    const cache = setup();

    expect(() => cache.latestPage('c1', { limit: 0 })).toThrow(RangeError);
    expect(() => cache.latestPage('c1', { limit: 201 })).toThrow(RangeError);
  });
});

describe('sync cursors', () => {
  it('only move forward', () => {
    const cache = setup();

    expect(cache.advanceCursor('c1', 10)).toBe(true);
    expect(cache.advanceCursor('c1', 4)).toBe(false);
    expect(cache.advanceCursor('c1', 10)).toBe(false);
    expect(cache.advanceCursor('c2', 1)).toBe(true);

    expect(cache.getCursors()).toEqual({ c1: 10, c2: 1 });
  });

  it('refuse a rev that is not a whole number', () => {
    expect(() => setup().advanceCursor('c1', -1)).toThrow(RangeError);
  });
});

describe('channels and users', () => {
  it('upsert replaces what the server last said', () => {
    const cache = setup([]);
    cache.upsertChannels([{ id: 'c1', name: 'general', topic: 'a', lastRev: 1 }]);
    cache.upsertChannels([{ id: 'c1', name: 'general', topic: 'b', lastRev: 2 }]);
    cache.upsertUsers([{ id: 'u1', username: 'ann', displayName: 'Ann' }]);

    expect(cache.listChannels()).toEqual([{ id: 'c1', name: 'general', topic: 'b', lastRev: 2 }]);
    expect(cache.listUsers()).toEqual([{ id: 'u1', username: 'ann', displayName: 'Ann' }]);
  });
});
