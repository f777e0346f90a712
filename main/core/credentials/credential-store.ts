import { AccountQueue } from './account-queue';
import {
  accountLogFields,
  accountName,
  KEYCHAIN_SERVICE,
  type ServerAccount,
} from './account-names';
import {
  BoundedKeychain,
  DEFAULT_KEYCHAIN_TIMEOUT_MS,
  type KeychainBackend,
} from './bounded-keychain';
import { CACHE_KEY_BYTES, decodeCacheKey, encodeCacheKey, generateCacheKey } from './cache-key';
import { CredentialCorruptError, KeychainUnavailableError } from './errors';
import { silentCredentialLogger, type CredentialLogger } from './logger';
import { assertWellFormedToken, isWellFormedToken } from './session-token';

export interface CredentialStoreOptions {
  backend: KeychainBackend;
  /** Deadline for each keychain call; default 3 s. */
  timeoutMs?: number;
  /** Defaults to `Parley`; tests may use their own. */
  service?: string;
  logger?: CredentialLogger;
}

/**
 * Session tokens and cache encryption keys in the OS keychain, one entry each per server
 * account (see account-names.ts). It never writes anything to a file: when the keychain
 * cannot be used, every method fails with KeychainUnavailableError and nothing is kept.
 * Keys are returned as fresh Buffers the caller may zero after use.
 */
export class CredentialStore {
  private readonly keychain: BoundedKeychain;
  private readonly queue = new AccountQueue();
  private readonly log: CredentialLogger;

  constructor(options: CredentialStoreOptions) {
    this.log = options.logger ?? silentCredentialLogger;
    this.keychain = new BoundedKeychain(
      options.backend,
      options.service ?? KEYCHAIN_SERVICE,
      options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS,
      this.log,
    );
  }

  /**
   * True while a timed-out keychain call is still waiting. Such a call blocks a worker thread,
   * and Node's normal exit waits for it, so the shell's quit path should check this.
   */
  get keychainStuck(): boolean {
    return this.keychain.stuck;
  }

  async saveToken(account: ServerAccount, token: string): Promise<void> {
    assertWellFormedToken(token);
    const name = accountName('session-token', account);

    await this.queue.run(name, () => this.keychain.set(name, token));
    this.log.info(accountLogFields(account), 'credentials.token_saved');
  }

  /**
   * The remembered token, null when there is none (or, on Linux, when the keyring is locked:
   * libsecret then answers "no such entry"); CredentialCorruptError when malformed.
   */
  async readToken(account: ServerAccount): Promise<string | null> {
    const name = accountName('session-token', account);
    const stored = await this.queue.run(name, () => this.keychain.get(name));

    if (stored === null) return null;
    if (!isWellFormedToken(stored)) {
      this.log.warn(accountLogFields(account), 'credentials.token_corrupt');
      throw new CredentialCorruptError('session-token');
    }
    return stored;
  }

  /** True when a token was there to delete. */
  async deleteToken(account: ServerAccount): Promise<boolean> {
    const name = accountName('session-token', account);
    const deleted = await this.queue.run(name, () => this.keychain.delete(name));

    this.log.info({ ...accountLogFields(account), deleted }, 'credentials.token_deleted');
    return deleted;
  }

  /** The stored key, null when there is none; CredentialCorruptError when malformed. */
  async readCacheKey(account: ServerAccount): Promise<Buffer | null> {
    const name = accountName('cache-key', account);
    return this.queue.run(name, () => this.readKey(name, account));
  }

  /**
   * The stored key, or a new random one stored first. Call it only when the account has no
   * cache file yet; with a file, use readCacheKey. On Linux a locked keyring answers "no such
   * entry" for an entry it holds, so this could replace a key that an existing cache needs.
   * A malformed stored key is an error, never replaced here: the caller moves the old cache
   * aside, then calls replaceCacheKey.
   */
  async getOrCreateCacheKey(account: ServerAccount): Promise<Buffer> {
    const name = accountName('cache-key', account);

    return this.queue.run(name, async () => {
      const existing = await this.readKey(name, account);
      if (existing) return existing;

      const key = generateCacheKey();
      await this.writeKey(name, key);
      this.log.info(accountLogFields(account), 'credentials.cache_key_created');
      return key;
    });
  }

  /**
   * Stores `key` (default: a new random one) in place of the current key and returns it.
   * If this fails with a timeout, the keychain may still take the write later: treat the
   * stored key as unknown and let the cache detect a wrong key on next open.
   */
  async replaceCacheKey(account: ServerAccount, key = generateCacheKey()): Promise<Buffer> {
    if (key.length !== CACHE_KEY_BYTES) throw new RangeError('A cache key must be 32 bytes.');
    const name = accountName('cache-key', account);
    const copy = Buffer.from(key);

    await this.queue.run(name, () => this.writeKey(name, copy));
    this.log.info(accountLogFields(account), 'credentials.cache_key_replaced');
    return Buffer.from(copy);
  }

  async deleteCacheKey(account: ServerAccount): Promise<boolean> {
    const name = accountName('cache-key', account);
    const deleted = await this.queue.run(name, () => this.keychain.delete(name));

    this.log.info({ ...accountLogFields(account), deleted }, 'credentials.cache_key_deleted');
    return deleted;
  }

  /** Deletes the token and the cache key; tries both, then throws the first failure. */
  async forgetAccount(account: ServerAccount): Promise<void> {
    const results = await Promise.allSettled([
      this.deleteToken(account),
      this.deleteCacheKey(account),
    ]);

    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    this.log.info(accountLogFields(account), 'credentials.account_forgotten');
  }

  private async readKey(name: string, account: ServerAccount): Promise<Buffer | null> {
    const stored = await this.keychain.get(name);
    if (stored === null) return null;

    const key = decodeCacheKey(stored);
    if (!key) {
      this.log.warn(accountLogFields(account), 'credentials.cache_key_corrupt');
      throw new CredentialCorruptError('cache-key');
    }
    return key;
  }

  /** Writes, then reads back: a key the keychain did not really keep would orphan the cache. */
  private async writeKey(name: string, key: Buffer): Promise<void> {
    await this.keychain.set(name, encodeCacheKey(key));

    const readBack = decodeCacheKey(await this.keychain.get(name));
    if (!readBack?.equals(key)) {
      this.log.error({ operation: 'write' }, 'credentials.cache_key_not_kept');
      throw new KeychainUnavailableError('unavailable', 'write');
    }
  }
}
