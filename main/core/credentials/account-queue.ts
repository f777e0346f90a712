/**
 * Runs tasks for one keychain account name one after another, so that, for example, two
 * getOrCreateCacheKey calls cannot both find no key and store two different ones.
 */
export class AccountQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(name: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    const result = previous.then(task);

    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(name, tail);
    void tail.then(() => {
      if (this.tails.get(name) === tail) this.tails.delete(name);
    });

    return result;
  }
}
