import type { CacheApi } from '../cache';

/** Per-channel sync cursors: the highest `rev` seen in each channel. */
export interface CursorStore {
  get(channelId: string): number | undefined;
  /** Moves the cursor forward only; an older rev is ignored. */
  advance(channelId: string, rev: number): void;
  clear(): void;
}

/** Cursors in memory only: for tests of the sync logic. */
export function createMemoryCursorStore(): CursorStore {
  const cursors = new Map<string, number>();
  return {
    get: (channelId) => cursors.get(channelId),
    advance(channelId, rev) {
      const current = cursors.get(channelId);
      if (current === undefined || rev > current) cursors.set(channelId, rev);
    },
    clear: () => cursors.clear(),
  };
}

/**
 * Cursors kept in the account's encrypted cache, so that catch-up after a restart asks only for
 * what changed since the last run. Read once at open; every advance is written through.
 * `clear` forgets the memory copy only: the cache keeps them for the next session.
 */
export function createCacheCursorStore(cache: CacheApi): CursorStore {
  const memory = createMemoryCursorStore();
  for (const [channelId, rev] of Object.entries(cache.getCursors())) memory.advance(channelId, rev);
  return {
    get: memory.get,
    advance(channelId, rev) {
      if ((memory.get(channelId) ?? -1) >= rev) return;
      memory.advance(channelId, rev);
      cache.advanceCursor(channelId, rev);
    },
    clear: memory.clear,
  };
}
