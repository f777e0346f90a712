import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';

import { silentLoggers, type Logger } from '../log/logger';
import { accountCachePaths, SIDE_SUFFIXES } from './account-files';
import { classifyOpenFailure, hasPartialPage } from './diagnose';
import { CacheOpenError, type CacheFailure } from './errors';
import { CACHE_KEY_BYTES } from './key';
import { openCacheDatabase, type MessageCache } from './message-cache';
import { quarantineFile } from './quarantine';
import { salvageOutbox, type SalvagedOutbox } from './salvage';

export type CacheRecovery = 'none' | 'wrong_key' | 'missing_key' | 'corrupt';

export interface OpenAccountCacheOptions {
  dataDir: string;
  accountId: string;
  /**
   * The key from the keychain, or null when the keychain has none for this account. Pass null
   * only when the keychain answered "no entry", not when it could not be reached: an existing
   * file is then unreadable for good and gets quarantined.
   */
  key: Buffer | null;
  logger?: Logger;
  /** Makes a key when `key` is null; 32 random bytes by default. */
  makeKey?: () => Buffer;
  /** Also run PRAGMA quick_check at open. Reads the whole file: seconds on a large cache. */
  fullCheck?: boolean;
}

export interface OpenAccountCacheResult {
  cache: MessageCache;
  /** Anything but 'none' means the cache is empty again: re-sync from the server. */
  recovered: CacheRecovery;
  /** Unsent messages carried over from the quarantined file. */
  salvagedOutbox: number;
  /** False when the quarantined file's outbox could not be read in full: some may be lost. */
  outboxComplete: boolean;
  /** The key the cache is encrypted with now. */
  key: Buffer;
  /** True when `key` was made here: the caller must store it in the keychain. */
  keyIsNew: boolean;
}

/** Cheap checks that catch a cut-short file or a damaged outbox before anyone relies on them. */
function validateOpened(cache: MessageCache, file: string, fullCheck: boolean): void {
  if (hasPartialPage(file)) throw new CacheOpenError('corrupt', null, 'cache file is truncated');
  cache.outbox.list();
  if (fullCheck && !cache.checkIntegrity()) {
    throw new CacheOpenError('corrupt', null, 'cache integrity check failed');
  }
}

function openAndValidate(file: string, key: Buffer, log: Logger, fullCheck: boolean) {
  const cache = openCacheDatabase({ file, key, logger: log });
  try {
    validateOpened(cache, file, fullCheck);
    return cache;
  } catch (error) {
    cache.close();
    throw error;
  }
}

/**
 * Opens an account's cache and never leaves the app without one. A wrong key, a missing key or
 * a damaged file is moved to quarantine/, a fresh empty cache takes its place (the caller then
 * re-syncs from the server), and unsent messages are carried over whenever the old file still
 * decrypts. Only errors that say nothing about the file (locked, disk full, no permission) throw.
 */
export function openAccountCache(options: OpenAccountCacheOptions): OpenAccountCacheResult {
  const log = options.logger ?? silentLoggers('cache');
  const paths = accountCachePaths(options.dataDir, options.accountId);
  const fields = { account: paths.accountHash };
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });

  const key = options.key ?? (options.makeKey ?? (() => randomBytes(CACHE_KEY_BYTES)))();
  const keyIsNew = options.key === null;
  const fresh = (recovered: CacheRecovery) => {
    const cache = openCacheDatabase({ file: paths.file, key, logger: log });
    return { cache, recovered, salvagedOutbox: 0, outboxComplete: true, key, keyIsNew };
  };

  if (!existsSync(paths.file)) {
    // A -wal or -shm without its database belongs to nothing we can read; keep it out of the way.
    if (SIDE_SUFFIXES.some((suffix) => existsSync(paths.file + suffix))) {
      quarantineFile(paths.file, paths.quarantineDir, 'orphan');
      log.warn({ ...fields, reason: 'orphan_side_files' }, 'cache.quarantined');
    }
    return fresh('none');
  }

  if (options.key === null) {
    const { name } = quarantineFile(paths.file, paths.quarantineDir, 'missing_key');
    log.warn({ ...fields, reason: 'missing_key', quarantined: name }, 'cache.quarantined');
    return { ...fresh('missing_key'), outboxComplete: false };
  }

  let failure: CacheFailure | null;
  try {
    const cache = openAndValidate(paths.file, key, log, options.fullCheck ?? false);
    return { cache, recovered: 'none', salvagedOutbox: 0, outboxComplete: true, key, keyIsNew };
  } catch (error) {
    failure = classifyOpenFailure(error, paths.file, key);
    if (failure === null) throw error;
  }

  return { ...replaceDamagedCache({ ...options, key }, failure), keyIsNew };
}

/**
 * Replaces an account's cache file that turned out to be unusable (at open, or later while in
 * use: the caller must have closed it first). Unsent messages are read from it where it still
 * decrypts, the file goes to quarantine/, and a fresh cache under the same key takes its place
 * with those messages carried over. Throws only when the fresh file cannot be created.
 */
export function replaceDamagedCache(
  options: Omit<OpenAccountCacheOptions, 'key'> & { key: Buffer },
  failure: CacheFailure,
): OpenAccountCacheResult {
  const log = options.logger ?? silentLoggers('cache');
  const { key } = options;
  const paths = accountCachePaths(options.dataDir, options.accountId);

  const salvaged: SalvagedOutbox =
    failure === 'wrong_key' ? { entries: [], complete: false } : salvageOutbox(paths.file, key);
  const { name } = quarantineFile(paths.file, paths.quarantineDir, failure);
  const cache = openCacheDatabase({ file: paths.file, key, logger: log });
  const salvagedOutbox = salvaged.entries.length > 0 ? cache.restoreOutbox(salvaged.entries) : 0;
  const fields = { account: paths.accountHash, reason: failure, quarantined: name };
  log.warn({ ...fields, salvagedOutbox, outboxComplete: salvaged.complete }, 'cache.quarantined');

  const recovered = failure === 'too_new' ? 'corrupt' : failure;
  return {
    cache,
    recovered,
    salvagedOutbox,
    outboxComplete: salvaged.complete,
    key,
    keyIsNew: false,
  };
}
