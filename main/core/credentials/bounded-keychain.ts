import {
  classifyKeychainFailure,
  KeychainUnavailableError,
  type KeychainOperation,
} from './errors';
import type { CredentialLogger } from './logger';

/**
 * keytar's calls, or a fake in tests. findCredentials is part of the shape but deliberately
 * not called: on Linux it crashes the process when the keyring is locked
 * (https://github.com/atom/node-keytar/issues/477, reproduced here with keytar 7.9).
 */
export interface KeychainBackend {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 3_000;

/**
 * Runs each backend call against a deadline and turns every failure into a
 * KeychainUnavailableError.
 *
 * Threat: a locked keyring or a missing Secret Service can leave a keytar call waiting forever,
 * and each waiting call holds one of libuv's four worker threads, which file access, DNS and
 * crypto also need. So a call that misses its deadline is abandoned (its late answer is caught
 * and only logged), and while any abandoned call is still waiting, new calls fail at once
 * instead of taking another thread.
 */
export class BoundedKeychain {
  private abandoned = 0;

  constructor(
    private readonly backend: KeychainBackend,
    private readonly service: string,
    private readonly timeoutMs: number,
    private readonly log: CredentialLogger,
  ) {}

  /** True while an abandoned call still waits; Node cannot exit cleanly until it returns. */
  get stuck(): boolean {
    return this.abandoned > 0;
  }

  get(account: string): Promise<string | null> {
    return this.run('read', () => this.backend.getPassword(this.service, account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.run('write', () => this.backend.setPassword(this.service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.run('delete', () => this.backend.deletePassword(this.service, account));
  }

  private run<T>(operation: KeychainOperation, call: () => Promise<T>): Promise<T> {
    if (this.abandoned > 0) {
      this.log.warn({ operation, waiting: this.abandoned }, 'credentials.keychain_still_stuck');
      return Promise.reject(new KeychainUnavailableError('timeout', operation));
    }

    let pending: Promise<T>;
    try {
      pending = Promise.resolve(call());
    } catch (error) {
      pending = Promise.reject(error);
    }

    return new Promise<T>((resolve, reject) => {
      let timedOut = false;
      const startedAt = Date.now();
      const timer = setTimeout(() => {
        timedOut = true;
        this.abandoned += 1;
        this.log.warn({ operation, timeoutMs: this.timeoutMs }, 'credentials.keychain_timeout');
        reject(new KeychainUnavailableError('timeout', operation));
      }, this.timeoutMs);
      timer.unref();

      const settle = (outcome: 'answered' | 'failed', finish: () => void): void => {
        if (!timedOut) {
          clearTimeout(timer);
          finish();
          return;
        }
        this.abandoned -= 1;
        const lateMs = Date.now() - startedAt;
        this.log.warn({ operation, outcome, lateMs }, 'credentials.keychain_late_answer');
      };

      pending.then(
        (value) => settle('answered', () => resolve(value)),
        (error: unknown) => settle('failed', () => reject(this.failure(operation, error))),
      );
    });
  }

  private failure(operation: KeychainOperation, error: unknown): KeychainUnavailableError {
    const reason = classifyKeychainFailure(error);
    this.log.warn({ operation, reason }, 'credentials.keychain_failed');
    return new KeychainUnavailableError(reason, operation, { cause: error });
  }
}
