/**
 * Per-channel sync cursors: the highest `rev` seen in each channel.
 * TODO(core): persist in the encrypted SQLite cache (later issue); this in-memory store is the
 * only implementation today and forgets everything when the session ends.
 */
export interface CursorStore {
  get(channelId: string): number | undefined;
  /** Moves the cursor forward only; an older rev is ignored. */
  advance(channelId: string, rev: number): void;
  clear(): void;
}

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
