import { accountLogFields, type ServerAccount } from './account-names';
import type { CredentialStore } from './credential-store';
import { KeychainUnavailableError } from './errors';
import { silentCredentialLogger, type CredentialLogger } from './logger';
import { assertWellFormedToken } from './session-token';

/** Where hold() left the token. It is always in memory for this run. */
export type HoldOutcome =
  | { remembered: true }
  | { remembered: false; because: 'remember_off' }
  | { remembered: false; because: 'keychain_unavailable'; error: KeychainUnavailableError };

export interface SessionTokenHolderOptions {
  store: CredentialStore;
  account: ServerAccount;
  /** The user's "Remember me" choice, already narrowed by policy. */
  remember: boolean;
  logger?: CredentialLogger;
}

/**
 * The session token of one server account for this run, plus the "Remember me" policy.
 * Remember off: the token lives in memory only and is never written to the keychain.
 * Remember on but the keychain unusable: hold() says so (with a message to show) and the run
 * goes on in memory only. There is no file fallback, ever.
 */
export class SessionTokenHolder {
  private token: string | null = null;
  private readonly log: CredentialLogger;

  constructor(private readonly options: SessionTokenHolderOptions) {
    this.log = options.logger ?? silentCredentialLogger;
  }

  get remember(): boolean {
    return this.options.remember;
  }

  /** The token for this run, if any. */
  current(): string | null {
    return this.token;
  }

  /**
   * At start-up: the remembered token (also held in memory), or null. Remember off never
   * reads the keychain. Throws KeychainUnavailableError or CredentialCorruptError.
   */
  async restore(): Promise<string | null> {
    if (!this.options.remember) return this.token;

    this.token = await this.options.store.readToken(this.options.account);
    return this.token;
  }

  /** After a login: keeps the token, and remembers it in the keychain when asked to. */
  async hold(token: string): Promise<HoldOutcome> {
    assertWellFormedToken(token);
    this.token = token;

    if (!this.options.remember) {
      await this.dropRemembered();
      return { remembered: false, because: 'remember_off' };
    }

    try {
      await this.options.store.saveToken(this.options.account, token);
      return { remembered: true };
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
      this.log.warn(
        { ...accountLogFields(this.options.account), reason: error.reason },
        'credentials.memory_only',
      );
      return { remembered: false, because: 'keychain_unavailable', error };
    }
  }

  /**
   * At log-out or revocation: forgets the token in memory first, then in the keychain.
   * A keychain failure is thrown after the memory copy is already gone.
   */
  async forget(): Promise<void> {
    this.token = null;
    await this.options.store.deleteToken(this.options.account);
  }

  /** Remember off also means no older remembered token stays behind; best effort. */
  private async dropRemembered(): Promise<void> {
    try {
      await this.options.store.deleteToken(this.options.account);
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
      this.log.warn(
        { ...accountLogFields(this.options.account), reason: error.reason },
        'credentials.stale_token_not_deleted',
      );
    }
  }
}
