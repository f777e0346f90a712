import { existsSync } from 'node:fs';

import { err, type Result } from '../../../common/result';
import type { AuditLog } from '../audit/audit-log';
import { accountCachePaths, openAccountCache, type MessageCache } from '../cache';
import {
  CredentialCorruptError,
  generateCacheKey,
  KeychainUnavailableError,
  serverOrigin,
  type CredentialStore,
  type ServerAccount,
} from '../credentials';
import type { Logger } from '../log/logger';
import { createKeyRotation } from './key-rotation';
import { addKnownAccount } from './known-accounts';
import { openSessionOnlyCache } from './session-only-cache';

/** One signed-in account's local data for as long as the session lasts. */
export interface AccountStorage {
  cache: MessageCache;
  /** False when this run uses a session-only cache because the keychain could not help. */
  persistent: boolean;
  rotateKey(): Promise<Result<null>>;
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
  if (opened.recovered !== 'none') {
    const origin = serverOrigin(account.serverUrl);
    deps.audit.record('cache.quarantined', {
      origin,
      reason: opened.recovered,
      salvagedOutbox: opened.salvagedOutbox,
    });
    deps.notice('warning', QUARANTINED);
  }
  const { cache } = opened;
  addKnownAccount(dataDir, account);
  const rotateKey = createKeyRotation({ ...deps, account, cache, key: opened.key, credentials });
  return { cache, persistent: true, rotateKey, close: () => cache.close() };
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
  const { cache, close } = openSessionOnlyCache(deps.dataDir);
  const reason = cause instanceof KeychainUnavailableError ? ` ${cause.message}` : '';
  if (warn) deps.notice('warning', MEMORY_ONLY + reason);
  const noKey =
    'Parley is not using the system keychain in this session, so there is no key to change.';
  return {
    cache,
    persistent: false,
    rotateKey: async () => err('keychain_unavailable', noKey),
    close,
  };
}
