import type { KeychainBackend } from '../bounded-keychain';

type Method = keyof KeychainBackend;

/**
 * An in-memory keychain for unit tests. `hang` makes a method never answer (like a locked
 * keyring); `fail` makes it reject with the given error. Every call is recorded by name.
 */
export class FakeKeychain implements KeychainBackend {
  readonly entries = new Map<string, string>();
  readonly calls: Array<{ method: Method; account?: string }> = [];
  private readonly hung = new Set<Method>();
  private readonly failures = new Map<Method, unknown>();
  private readonly releases: Array<(error?: unknown) => void> = [];

  hang(...methods: Method[]): this {
    for (const method of methods) this.hung.add(method);
    return this;
  }

  fail(method: Method, error: unknown): this {
    this.failures.set(method, error);
    return this;
  }

  /** Lets every hung call answer now (or fail with `error`), as a keyring finally unlocked. */
  releaseHungCalls(error?: unknown): void {
    this.hung.clear();
    for (const release of this.releases.splice(0)) release(error);
  }

  getPassword(service: string, account: string): Promise<string | null> {
    return this.answer(
      'getPassword',
      account,
      () => this.entries.get(key(service, account)) ?? null,
    );
  }

  setPassword(service: string, account: string, password: string): Promise<void> {
    return this.answer('setPassword', account, () => {
      this.entries.set(key(service, account), password);
    });
  }

  deletePassword(service: string, account: string): Promise<boolean> {
    return this.answer('deletePassword', account, () => this.entries.delete(key(service, account)));
  }

  findCredentials(service: string): Promise<Array<{ account: string; password: string }>> {
    return this.answer('findCredentials', undefined, () =>
      [...this.entries]
        .filter(([entry]) => entry.startsWith(`${service}\n`))
        .map(([entry, password]) => ({ account: entry.slice(service.length + 1), password })),
    );
  }

  private answer<T>(method: Method, account: string | undefined, work: () => T): Promise<T> {
    this.calls.push({ method, account });
    if (this.failures.has(method)) return Promise.reject(this.failures.get(method));
    if (this.hung.has(method)) {
      return new Promise((resolve, reject) =>
        this.releases.push((error) => (error ? reject(error) : resolve(work()))),
      );
    }
    return Promise.resolve(work());
  }
}

function key(service: string, account: string): string {
  return `${service}\n${account}`;
}
