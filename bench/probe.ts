/**
 * Runs in a fresh process against a built cache, so open time and RSS are what an app that just
 * started would see. Usage: probe.ts <file>, key (hex) in PARLEY_BENCH_KEY. Prints one JSON line.
 */
import { openEncryptedConnection } from '../main/core/cache/connection';
import { toFtsQuery } from '../main/core/cache/fts-query';
import { BUSY_CHANNEL, searchQueries } from './corpus';
import { openEncrypted } from './databases';
import { elapsedMs, percentile } from './stats';

const [file] = process.argv.slice(2);
const key = Buffer.from(process.env.PARLEY_BENCH_KEY ?? '', 'hex');
if (!file || key.length !== 32) throw new Error('usage: probe.ts <file>');

const openStart = process.hrtime.bigint();
const cache = openEncrypted(file, key);
const firstPage = cache.latestPage(BUSY_CHANNEL, { limit: 50 });
const openToFirstPageMs = elapsedMs(openStart);
const rssAfterOpenMb = process.memoryUsage().rss / 2 ** 20;

function timeAll(queries: string[], run: (query: string) => unknown): number[] {
  return queries.map((query) => {
    const start = process.hrtime.bigint();
    run(query);
    return elapsedMs(start);
  });
}

const queries = searchQueries(400);
timeAll(queries.slice(0, 20), (q) => cache.search(q, { limit: 20 }));
const everywhere = timeAll(queries, (q) => cache.search(q, { limit: 20 }));
const inChannel = timeAll(queries.slice(0, 200), (q) =>
  cache.search(q, { limit: 20, channelId: BUSY_CHANNEL }),
);
const rssAfterSearchMb = process.memoryUsage().rss / 2 ** 20;
cache.close();

// For the notes: the same queries ranked by bm25 instead of walking rowids newest first.
const raw = openEncryptedConnection(file, key);
const ranked = raw.prepare(
  'SELECT rowid FROM message_fts WHERE message_fts MATCH ? ORDER BY rank LIMIT 20',
);
const byRank = timeAll(queries.slice(0, 100), (q) => {
  const match = toFtsQuery(q);
  return match && ranked.all(match);
});
raw.close();

const summary = (values: number[]) => ({
  median: percentile(values, 50),
  p95: percentile(values, 95),
  max: Math.max(...values),
});

console.log(
  JSON.stringify({
    openToFirstPageMs,
    firstPageSize: firstPage.messages.length,
    rssAfterOpenMb,
    rssAfterSearchMb,
    search: summary(everywhere),
    searchInChannel: summary(inChannel),
    searchByRank: summary(byRank),
  }),
);
