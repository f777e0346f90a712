import { afterEach, describe, expect, it } from 'vitest';

import { openEncryptedConnection } from './connection';
import type { MessageCache } from './message-cache';
import { message, openTestCache } from './testing/fixtures';
import type { SearchResult } from './types';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function setupWithFile() {
  const test = openTestCache(['c1', 'c2']);
  cleanups.push(test.cleanup);
  return test;
}

function setup(): MessageCache {
  return setupWithFile().cache;
}

const ids = (results: SearchResult[]) => results.map((r) => r.message.id).sort();

describe('search index stays in step with the messages', () => {
  it('finds a new message', () => {
    const cache = setup();
    cache.applyMessages([message('c1', 1, 'lunch at noon'), message('c1', 2, 'meeting later')]);

    expect(ids(cache.search('lunch', { limit: 10 }))).toEqual(['c1-m1']);
  });

  it('replaces the text of an edited message', () => {
    const cache = setup();
    cache.applyMessages([message('c1', 1, 'the report is late')]);

    cache.applyMessages([message('c1', 1, 'the summary is ready', { rev: 3, editedAt: 5 })]);

    expect(cache.search('report', { limit: 10 })).toEqual([]);
    expect(ids(cache.search('summary', { limit: 10 }))).toEqual(['c1-m1']);
  });

  it('drops a deleted message from the index', () => {
    const cache = setup();
    cache.applyMessages([message('c1', 1, 'password reset link')]);

    cache.applyMessages([message('c1', 1, '', { rev: 2, deleted: true })]);

    expect(cache.search('password', { limit: 10 })).toEqual([]);
  });

  it('ignores an out-of-date edit for the index too', () => {
    const cache = setup();
    cache.applyMessages([message('c1', 1, 'newest words', { rev: 9 })]);

    cache.applyMessages([message('c1', 1, 'older words', { rev: 4 })]);

    expect(cache.search('older', { limit: 10 })).toEqual([]);
    expect(ids(cache.search('newest', { limit: 10 }))).toEqual(['c1-m1']);
  });

  it('forgets the messages of a removed channel', () => {
    const { cache, file, key } = setupWithFile();
    cache.applyMessages([message('c2', 1, 'vanishing text')]);

    // Channel removal cascades through the foreign key; the delete trigger cleans the index.
    const other = openEncryptedConnection(file, key);
    other.exec("DELETE FROM channels WHERE id = 'c2'");
    other.close();

    expect(cache.search('vanishing', { limit: 10 })).toEqual([]);
  });
});

describe('search matching', () => {
  it('ignores diacritics both ways', () => {
    const cache = setup();
    cache.applyMessages([message('c1', 1, 'Meet at the café'), message('c1', 2, 'naive plan')]);

    expect(ids(cache.search('cafe', { limit: 10 }))).toEqual(['c1-m1']);
    expect(ids(cache.search('naïve', { limit: 10 }))).toEqual(['c1-m2']);
    expect(ids(cache.search('CAFÉ', { limit: 10 }))).toEqual(['c1-m1']);
  });

  it('treats the last word as a prefix and requires every word', () => {
    const cache = setup();
    cache.applyMessages([
      message('c1', 1, 'deploy the release tonight'),
      message('c1', 2, 'release notes'),
    ]);

    expect(ids(cache.search('release ton', { limit: 10 }))).toEqual(['c1-m1']);
    expect(ids(cache.search('rel', { limit: 10 }))).toEqual(['c1-m1', 'c1-m2']);
  });

  it('limits results to one channel when asked', () => {
    const cache = setup();
    cache.applyMessages([message('c1', 1, 'budget'), message('c2', 1, 'budget')]);

    expect(ids(cache.search('budget', { limit: 10, channelId: 'c2' }))).toEqual(['c2-m1']);
  });

  it('returns newest first and honours the limit', () => {
    const cache = setup();
    cache.applyMessages([1, 2, 3].map((seq) => message('c1', seq, `standup ${seq}`)));

    const results = cache.search('standup', { limit: 2 });

    expect(results.map((r) => r.message.seq)).toEqual([3, 2]);
  });

  it('returns a snippet as text segments with the hits marked', () => {
    const cache = setup();
    cache.applyMessages([message('c1', 1, 'Please review the <b>café</b> menu')]);

    const [result] = cache.search('cafe', { limit: 1 });

    expect(result?.snippet).toEqual([
      { text: 'Please review the <b>', match: false },
      { text: 'café', match: true },
      { text: '</b> menu', match: false },
    ]);
  });
});

describe('search query safety', () => {
  const attempts = [
    '"',
    '""',
    '*',
    '"*"',
    '-',
    '- lunch',
    'NEAR',
    'NEAR(lunch dinner)',
    'lunch OR dinner',
    'NOT lunch',
    'body:lunch',
    '{body}: lunch',
    '^lunch',
    '(((',
    'lunch)',
    'lunch" OR "a',
    "'; DROP TABLE messages; --",
    '\u0000lunch',
    '🍕',
    '日本語',
    'x'.repeat(10_000),
    'a b c d e f g h i j k l m n o p q r s t u v w x y z',
  ];

  it.each(attempts)('does not throw on %j', (query) => {
    const cache = setup();
    cache.applyMessages([message('c1', 1, 'lunch'), message('c1', 2, 'dinner')]);

    expect(() => cache.search(query, { limit: 10 })).not.toThrow();
  });

  it('does not let operators widen the match', () => {
    const cache = setup();
    cache.applyMessages([
      message('c1', 1, 'lunch today'),
      message('c1', 2, 'dinner tonight'),
      message('c1', 3, 'nothing related'),
    ]);

    expect(ids(cache.search('lunch OR dinner', { limit: 10 }))).toEqual([]);
    expect(ids(cache.search('NOT lunch', { limit: 10 }))).toEqual([]);
    expect(cache.search('*', { limit: 10 })).toEqual([]);
    expect(cache.search('"', { limit: 10 })).toEqual([]);
    expect(ids(cache.search('lunch" OR "dinner', { limit: 10 }))).toEqual([]);
  });

  it('finds text that contains what looks like syntax', () => {
    const cache = setup();
    cache.applyMessages([message('c1', 1, 'use NEAR and OR in a sentence')]);

    expect(ids(cache.search('near or', { limit: 10 }))).toEqual(['c1-m1']);
  });

  it('refuses a limit outside 1..100', () => {
    expect(() => setup().search('x', { limit: 0 })).toThrow(RangeError);
  });
});
