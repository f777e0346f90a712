import {
  CacheOperationError,
  isCorruptionError,
  sqliteCodeOf,
  type CacheApi,
  type MessageCache,
  type Outbox,
} from '../cache';
import type { Logger } from '../log/logger';

export interface CacheGuardDeps {
  log: Logger;
  /**
   * Replaces the damaged cache (already closed) with a fresh one, or returns null when this
   * cache cannot be rebuilt. May throw when the fresh file cannot be created.
   */
  rebuild(failedOperation: string): MessageCache | null;
  /** A runtime SQLite failure that is not damage (disk full, I/O error), or damage that stayed. */
  onFailure(sqliteCode: string): void;
}

export interface GuardedCache {
  cache: CacheApi;
  /** Never throws. */
  close(): void;
}

/**
 * Copies of what the server holds: when one cannot be written the server still has it, so the
 * operation is dropped (logged, and the user told once) instead of failing the caller. Anything
 * else (reads, the outbox, rekey) fails with a CacheOperationError the caller reports.
 */
const MIRROR_WRITES: ReadonlySet<string> = new Set([
  'upsertChannels',
  'upsertUsers',
  'applyMessages',
  'advanceCursor',
]);

/**
 * Wraps one account's cache so that no raw SQLite error reaches the rest of the core. The first
 * damage error (SQLITE_CORRUPT, SQLITE_NOTADB) from any operation closes the cache, has it
 * rebuilt (quarantine, outbox salvage, fresh file) and retries the operation once on the new
 * one. Other SQLite errors, and damage after that one rebuild, are logged by code and become a
 * CacheOperationError, or a no-op for copies of server data. Errors that are not SQLite's
 * (programming errors) pass through unchanged.
 */
export function guardCache(initial: MessageCache, deps: CacheGuardDeps): GuardedCache {
  const { log } = deps;
  let current: MessageCache | null = initial;
  let rebuilt = false;

  function closeCurrent(): void {
    try {
      current?.close();
    } catch (error) {
      log.warn({ errorName: (error as Error)?.name }, 'cache.close_failed');
    }
  }

  function rebuild(operation: string): MessageCache | null {
    rebuilt = true;
    closeCurrent();
    current = null;
    try {
      current = deps.rebuild(operation);
    } catch (error) {
      log.error({ operation, errorName: (error as Error)?.name }, 'cache.rebuild_failed');
    }
    return current;
  }

  function failed(operation: string, error: unknown): CacheOperationError {
    const code = sqliteCodeOf(error);
    if (code === null && current !== null) throw error;
    log.error({ operation, sqliteCode: code }, 'cache.operation_failed');
    deps.onFailure(code ?? 'unavailable');
    return new CacheOperationError(operation, code);
  }

  function run<T>(operation: string, call: (cache: MessageCache) => T, degraded?: () => T): T {
    const settle = (error: unknown): T => {
      const failure = failed(operation, error);
      if (degraded && MIRROR_WRITES.has(operation)) return degraded();
      throw failure;
    };
    if (current === null) return settle(new Error('cache unavailable'));

    try {
      return call(current);
    } catch (error) {
      if (!isCorruptionError(error) || rebuilt) return settle(error);
      log.warn({ operation, sqliteCode: sqliteCodeOf(error) }, 'cache.damaged_in_use');
      const fresh = rebuild(operation);
      if (fresh === null) return settle(error);
      try {
        return call(fresh);
      } catch (retryError) {
        return settle(retryError);
      }
    }
  }

  const outbox: Outbox = {
    enqueue: (entry) => run('outbox.enqueue', (c) => c.outbox.enqueue(entry)),
    list: () => run('outbox.list', (c) => c.outbox.list()),
    markFailed: (id, reason) => run('outbox.markFailed', (c) => c.outbox.markFailed(id, reason)),
    requeue: (id) => run('outbox.requeue', (c) => c.outbox.requeue(id)),
    remove: (id) => run('outbox.remove', (c) => c.outbox.remove(id)),
  };

  const cache: CacheApi = {
    outbox,
    get file() {
      return current?.file ?? '';
    },
    upsertChannels: (channels) =>
      run(
        'upsertChannels',
        (c) => c.upsertChannels(channels),
        () => undefined,
      ),
    listChannels: () => run('listChannels', (c) => c.listChannels()),
    upsertUsers: (users) =>
      run(
        'upsertUsers',
        (c) => c.upsertUsers(users),
        () => undefined,
      ),
    listUsers: () => run('listUsers', (c) => c.listUsers()),
    applyMessages: (messages) =>
      run(
        'applyMessages',
        (c) => c.applyMessages(messages),
        () => ({ changed: [], stale: 0, unknownChannel: 0 }),
      ),
    latestPage: (channelId, options) => run('latestPage', (c) => c.latestPage(channelId, options)),
    getCursors: () => run('getCursors', (c) => c.getCursors()),
    advanceCursor: (channelId, rev) =>
      run(
        'advanceCursor',
        (c) => c.advanceCursor(channelId, rev),
        () => false,
      ),
    restoreOutbox: (entries) => run('restoreOutbox', (c) => c.restoreOutbox(entries)),
    search: (query, options) => run('search', (c) => c.search(query, options)),
    rekey: (key) => run('rekey', (c) => c.rekey(key)),
    checkIntegrity: () => run('checkIntegrity', (c) => c.checkIntegrity()),
    close: () => closeCurrent(),
  };

  return { cache, close: closeCurrent };
}
