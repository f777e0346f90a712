import { err, ok, type Result } from '../../../common/result';
import type { AuditLog } from '../audit/audit-log';
import type { CacheApi } from '../cache';
import {
  generateCacheKey,
  KeychainUnavailableError,
  serverOrigin,
  type CredentialStore,
  type ServerAccount,
} from '../credentials';
import type { Logger } from '../log/logger';

export interface KeyRotationDeps {
  account: ServerAccount;
  cache: CacheApi;
  /** The key the cache is encrypted with now. */
  key: Buffer;
  /** The cache is now encrypted with `key` (a rebuild after damage must use it). */
  onKeyChanged?(key: Buffer): void;
  credentials: CredentialStore;
  audit: AuditLog;
  log: Logger;
}

/**
 * Rotates the cache key: the new key goes to the keychain first, then the file is re-encrypted.
 * If the keychain will not take the new key, nothing changes; if the re-encryption fails, the
 * old key goes back to the keychain. Either way the cache stays readable.
 * TODO(core): a crash between the keychain write and the rekey leaves the file under the old
 * key and the keychain with the new one; the next start then quarantines the cache (the outbox
 * cannot be salvaged without the old key). Keeping the previous key until the rekey is confirmed
 * needs a second keychain entry in main/core/credentials.
 */
export function createKeyRotation(deps: KeyRotationDeps): () => Promise<Result<null>> {
  const { account, cache, credentials, log } = deps;
  let key = deps.key;
  const putBack = (old: Buffer) =>
    credentials
      .replaceCacheKey(account, old)
      .catch(() => log.error({}, 'account.key_restore_failed'));

  return async () => {
    const next = generateCacheKey();
    try {
      await credentials.replaceCacheKey(account, next);
    } catch (error) {
      // A timed-out write may still land later: queue the old key behind it, best effort.
      void putBack(key);
      const message =
        error instanceof KeychainUnavailableError
          ? error.message
          : 'The system keychain could not store a new key.';
      return err('keychain_unavailable', `${message} The cache keeps its current key.`);
    }

    try {
      cache.rekey(next);
    } catch (error) {
      log.error({ errorName: (error as Error)?.name }, 'account.rekey_failed');
      await putBack(key);
      return err('internal', 'The cache key could not be changed; the current key stays in use.');
    }

    key = next;
    deps.onKeyChanged?.(next);
    deps.audit.record('cache.key_rotated', { origin: serverOrigin(account.serverUrl) });
    return ok(null);
  };
}
