import { existsSync } from 'node:fs';

import { err, type Result } from '../../../common/result';
import type { AuditLog } from '../audit/audit-log';
import {
  accountCachePaths,
  openAccountCache,
  replaceDamagedCache,
  type CacheApi,
  type OpenAccountCacheResult,
} from '../cache';
import {
  CredentialCorruptError,
  generateCacheKey,
  KeychainUnavailableError,
  serverOrigin,
  type CredentialStore,
  type ServerAccount,
} from '../credentials';
import type { Logger } from '../log/logger';
import { guardCache } from './guarded-cache';
import { createKeyRotation } from './key-rotation';
import { addKnownAccount } from './known-accounts';
import { openSessionOnlyCache } from './session-only-cache';

/** One signed-in account's local data for as long as the session lasts. */
export interface AccountStorage {
  /** Guarded: no raw SQLite error comes out of it (see guarded-cache.ts). */
  cache: CacheApi;
  /** False when this run uses a session-only cache because the keychain could not help. */
  persistent: boolean;
  rotateKey(): Promise<Result<null>>;
  /** Runs after the cache was found damaged in use and rebuilt empty: re-sync from the server. */
  onRebuilt(listener: () => void): void;
  /** Never throws. */
  close(): void;
}

export interface StorageDeps {
  dataDir: string | null;
  credentials: CredentialStore | null;
  audit: AuditLog;
  log: Logger;
  notice(level: 'info' | 'warning', text: string): void;
}

const QUARANTINED =
  'Parley could not read its saved copy of your messages on this computer, so it set that copy ' +
  'aside and is rebuilding it from the server.';
const REBUILT =
  "Parley's local copy of your messages was damaged and has been rebuilt from the server.";
const UNSENT_LOST = ' Some messages that had not been sent yet could not be recovered.';
const DISK_FULL =
  'Parley cannot save to its local copy of your messages because the disk is full. Free some ' +
  'space; until then, what you receive is not kept for offline use and sending may fail.';
const CACHE_FAILING =
  'Parley cannot read or write its local copy of your messages on this computer. Restart ' +
  'Parley; if this keeps happening, check the disk.';
const MEMORY_ONLY =
  'Parley cannot use the system keychain, so your messages are kept for this session only ' +
  'and will not be available offline after you quit.';

/** The id the cache module names the account's file by (hashed there). */
export function cacheAccountId(account: ServerAccount): string {
  return `${account.username}@${serverOrigin(account.serverUrl)}`;
}

/**
 * Opens the account's encrypted cache with its key from the keychain. A new key is made only
 * when there is no file yet (a locked Linux keyring answers "no entry" for a key it holds); a
 * missing or damaged key for an existing file gets a new key stored first, then the cache module
 * moves the unreadable file aside. Keychain trouble: a session-only cache and a notice.
 */
export async function openAccountStorage(
  account: ServerAccount,
  deps: StorageDeps,
): Promise<AccountStorage> {
  const { dataDir, credentials, log } = deps;
  if (!dataDir || !credentials) return sessionOnly(deps, false);

  const accountId = cacheAccountId(account);
  const hasFile = existsSync(accountCachePaths(dataDir, accountId).file);
  let key: Buffer;
  let known = true;
  try {
    const stored = hasFile
      ? await readKey(credentials, account)
      : await credentials.getOrCreateCacheKey(account);
    known = stored !== null;
    key = stored ?? (await credentials.replaceCacheKey(account, generateCacheKey()));
  } catch (error) {
    log.warn({ errorName: (error as Error)?.name }, 'account.keychain_unavailable');
    return sessionOnly(deps, true, error);
  }

  let opened;
  try {
    opened = openAccountCache({
      dataDir,
      accountId,
      key: known ? key : null,
      makeKey: () => key,
      logger: log,
    });
  } catch (error) {
    log.error({ errorName: (error as Error)?.name }, 'account.cache_open_failed');
    return sessionOnly(deps, true);
  }
  const origin = serverOrigin(account.serverUrl);
  const quarantined = (result: OpenAccountCacheResult, trigger: string) => {
    const { recovered, salvagedOutbox, outboxComplete } = result;
    deps.audit.record('cache.quarantined', {
      origin,
      reason: recovered,
      trigger,
      salvagedOutbox,
      outboxComplete,
    });
  };
  if (opened.recovered !== 'none') {
    quarantined(opened, 'open');
    deps.notice('warning', opened.recovered === 'corrupt' ? rebuiltNotice(opened) : QUARANTINED);
  }
  addKnownAccount(dataDir, account);

  let cacheKey = opened.key;
  const rebuiltListeners = new Set<() => void>();
  const guarded = guardCache(opened.cache, {
    log,
    rebuild(operation) {
      const result = replaceDamagedCache(
        { dataDir, accountId, key: cacheKey, logger: log },
        'corrupt',
      );
      quarantined(result, operation);
      deps.notice('warning', rebuiltNotice(result));
      queueMicrotask(() => notifyAll(rebuiltListeners, log));
      return result.cache;
    },
    onFailure: onceEach(deps, log),
  });
  const { cache } = guarded;
  const rotateKey = createKeyRotation({
    ...deps,
    account,
    cache,
    key: cacheKey,
    credentials,
    onKeyChanged: (next) => (cacheKey = next),
  });
  return {
    cache,
    persistent: true,
    rotateKey,
    onRebuilt: (listener) => void rebuiltListeners.add(listener),
    close: guarded.close,
  };
}

function rebuiltNotice(result: OpenAccountCacheResult): string {
  return REBUILT + (result.outboxComplete ? '' : UNSENT_LOST);
}

/** Listeners run outside the failing operation, each on its own: none can stop the others. */
function notifyAll(listeners: Set<() => void>, log: Logger): void {
  for (const listener of listeners) {
    try {
      listener();
    } catch (error) {
      log.error({ errorName: (error as Error)?.name }, 'account.rebuilt_listener_failed');
    }
  }
}

/** One notice per kind of failure per session: a full disk fails every write until it is not. */
function onceEach(deps: StorageDeps, log: Logger): (sqliteCode: string) => void {
  const told = new Set<string>();
  return (sqliteCode) => {
    const kind = sqliteCode === 'SQLITE_FULL' ? 'full' : 'other';
    if (told.has(kind)) return;
    told.add(kind);
    log.warn({ sqliteCode }, 'account.cache_failing');
    deps.notice('warning', kind === 'full' ? DISK_FULL : CACHE_FAILING);
  };
}

async function readKey(credentials: CredentialStore, account: ServerAccount) {
  try {
    return await credentials.readCacheKey(account);
  } catch (error) {
    if (error instanceof CredentialCorruptError) return null;
    throw error;
  }
}

function sessionOnly(deps: StorageDeps, warn: boolean, cause?: unknown): AccountStorage {
  const opened = openSessionOnlyCache(deps.dataDir);
  // A throwaway file: nothing to rebuild or salvage, so damage is reported like any failure.
  const guarded = guardCache(opened.cache, {
    log: deps.log,
    rebuild: () => null,
    onFailure: onceEach(deps, deps.log),
  });
  const close = () => {
    guarded.close();
    opened.close();
  };
  const reason = cause instanceof KeychainUnavailableError ? ` ${cause.message}` : '';
  if (warn) deps.notice('warning', MEMORY_ONLY + reason);
  const noKey =
    'Parley is not using the system keychain in this session, so there is no key to change.';
  return {
    cache: guarded.cache,
    persistent: false,
    rotateKey: async () => err('keychain_unavailable', noKey),
    onRebuilt: () => undefined,
    close,
  };
}
