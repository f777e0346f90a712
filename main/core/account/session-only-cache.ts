import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CACHE_KEY_BYTES, openCacheDatabase, type MessageCache } from '../cache';

const FOLDER = 'session-only';

/**
 * A cache for this run only, used when the keychain cannot hold a key: still encrypted, with a
 * random key that lives in memory and nowhere else, and deleted when the session ends. So the
 * app works the same way, and nothing readable is left behind if the process dies.
 */
export function openSessionOnlyCache(dataDir: string | null): {
  cache: MessageCache;
  close(): void;
} {
  const root = dataDir ? path.join(dataDir, FOLDER) : tmpdir();
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const dir = mkdtempSync(path.join(root, 'parley-session-'));
  const cache = openCacheDatabase({
    file: path.join(dir, 'cache.db'),
    key: randomBytes(CACHE_KEY_BYTES),
  });

  return {
    cache,
    close() {
      cache.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Session-only caches left by a run that crashed: unreadable (their key died with it). */
export function sweepSessionOnlyCaches(dataDir: string): void {
  rmSync(path.join(dataDir, FOLDER), { recursive: true, force: true });
}
