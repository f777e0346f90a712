import { describe, expect, it, vi } from 'vitest';

import { CredentialStore } from './credential-store';
import { CredentialCorruptError, KeychainUnavailableError } from './errors';
import { FakeKeychain } from './testing/fake-keychain';
import { recordingLogger } from './testing/recording-logger';

const alice = { serverUrl: 'https://chat.example.com', username: 'alice' };
const TOKEN = 'tok_' + 'Q'.repeat(40);

function setup(timeoutMs = 3_000) {
  const backend = new FakeKeychain();
  const logger = recordingLogger();
  const store = new CredentialStore({ backend, timeoutMs, logger });
  return { backend, logger, store };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('CredentialStore with a working keychain', () => {
  it('saves, reads and deletes a session token under service Parley', async () => {
    const { backend, store } = setup();

    await store.saveToken(alice, TOKEN);
    expect(backend.entries.get('Parley\nsession-token:alice@https://chat.example.com')).toBe(TOKEN);
    expect(await store.readToken({ ...alice, serverUrl: 'https://CHAT.example.com/' })).toBe(TOKEN);

    expect(await store.deleteToken(alice)).toBe(true);
    expect(await store.readToken(alice)).toBeNull();
    expect(await store.deleteToken(alice)).toBe(false);
  });

  it('refuses to store a malformed token and never calls the keychain for it', async () => {
    const { backend, store } = setup();

    for (const bad of ['short', 'x'.repeat(257), `${TOKEN}\n`, `${TOKEN} spaces`]) {
      await expect(store.saveToken(alice, bad)).rejects.toThrow(TypeError);
    }
    expect(backend.calls).toEqual([]);
  });

  it('reports a malformed stored token as corrupt instead of returning it', async () => {
    const { backend, store } = setup();
    backend.entries.set('Parley\nsession-token:alice@https://chat.example.com', 'bad token');

    await expect(store.readToken(alice)).rejects.toBeInstanceOf(CredentialCorruptError);
  });

  it('creates the cache key once and returns the same 32 bytes after', async () => {
    const { backend, store } = setup();

    const first = await store.getOrCreateCacheKey(alice);
    const second = await store.getOrCreateCacheKey(alice);
    const read = await store.readCacheKey(alice);

    expect(first).toHaveLength(32);
    expect(second.equals(first)).toBe(true);
    expect(read?.equals(first)).toBe(true);
    expect(backend.entries.get('Parley\ncache-key:alice@https://chat.example.com')).toBe(
      first.toString('base64'),
    );
    expect(backend.calls.filter((call) => call.method === 'setPassword')).toHaveLength(1);
  });

  it('makes one key even when asked concurrently', async () => {
    const { backend, store } = setup();

    const keys = await Promise.all([1, 2, 3].map(() => store.getOrCreateCacheKey(alice)));

    expect(keys.every((key) => key.equals(keys[0] as Buffer))).toBe(true);
    expect(backend.calls.filter((call) => call.method === 'setPassword')).toHaveLength(1);
  });

  it('rejects a malformed stored key, never uses it and never overwrites it silently', async () => {
    const name = 'Parley\ncache-key:alice@https://chat.example.com';
    for (const stored of ['', 'AAAA', Buffer.alloc(16).toString('base64'), 'é'.repeat(44)]) {
      const { backend, store } = setup();
      backend.entries.set(name, stored);

      await expect(store.readCacheKey(alice)).rejects.toBeInstanceOf(CredentialCorruptError);
      await expect(store.getOrCreateCacheKey(alice)).rejects.toBeInstanceOf(CredentialCorruptError);
      expect(backend.entries.get(name)).toBe(stored);
      expect(backend.calls.some((call) => call.method === 'setPassword')).toBe(false);
    }
  });

  it('replaces the key for rotation, with a given key or a fresh one', async () => {
    const { store } = setup();
    const old = await store.getOrCreateCacheKey(alice);

    const fresh = await store.replaceCacheKey(alice);
    expect(fresh.equals(old)).toBe(false);
    expect((await store.readCacheKey(alice))?.equals(fresh)).toBe(true);

    const chosen = Buffer.alloc(32, 9);
    await store.replaceCacheKey(alice, chosen);
    expect((await store.readCacheKey(alice))?.equals(chosen)).toBe(true);
    await expect(store.replaceCacheKey(alice, Buffer.alloc(16))).rejects.toThrow(RangeError);
  });

  it('fails a key write that the keychain did not keep', async () => {
    const { backend, store } = setup();
    backend.setPassword = async () => undefined;

    const error = await rejection(store.getOrCreateCacheKey(alice));
    expect(error).toBeInstanceOf(KeychainUnavailableError);
  });

  it('forgets both credentials of an account and leaves other accounts alone', async () => {
    const { backend, store } = setup();
    const bob = { ...alice, username: 'bob' };
    await store.saveToken(alice, TOKEN);
    await store.getOrCreateCacheKey(alice);
    await store.saveToken(bob, TOKEN);

    await store.forgetAccount(alice);

    expect([...backend.entries.keys()]).toEqual([
      'Parley\nsession-token:bob@https://chat.example.com',
    ]);
  });

  it('never logs the token, the key or the username', async () => {
    const { logger, store } = setup();
    await store.saveToken(alice, TOKEN);
    await store.readToken(alice);
    const key = await store.getOrCreateCacheKey(alice);
    await store.forgetAccount(alice);

    const output = logger.lines.join('\n');
    expect(output).toContain('credentials.token_saved');
    for (const secret of [TOKEN, key.toString('base64'), key.toString('hex'), 'alice']) {
      expect(output).not.toContain(secret);
    }
  });
});

describe('CredentialStore with a keychain that fails', () => {
  it('gives up on a keychain that never answers within the bound', async () => {
    const { backend, store } = setup(100);
    backend.hang('getPassword');

    const started = Date.now();
    const error = await rejection(store.readToken(alice));

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout', operation: 'read' });
    expect((error as Error).message).toMatch(/^The system keychain did not answer/);
  });

  it('bounds each call by 3 seconds by default', async () => {
    vi.useFakeTimers();
    try {
      const backend = new FakeKeychain().hang('getPassword');
      const store = new CredentialStore({ backend });
      const settled = vi.fn();
      const pending = store.readCacheKey(alice).catch((error: unknown) => error);
      void pending.then(settled);

      await vi.advanceTimersByTimeAsync(2_999);
      expect(settled).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(await pending).toMatchObject({ reason: 'timeout', operation: 'read' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails fast while a call is stuck, then works again once it answers', async () => {
    const { backend, store } = setup(50);
    backend.hang('getPassword');
    await expect(store.readToken(alice)).rejects.toMatchObject({ reason: 'timeout' });
    expect(store.keychainStuck).toBe(true);

    const started = Date.now();
    await expect(store.saveToken(alice, TOKEN)).rejects.toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(40);
    expect(backend.calls.filter((call) => call.method === 'setPassword')).toHaveLength(0);

    backend.releaseHungCalls();
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.keychainStuck).toBe(false);
    await store.saveToken(alice, TOKEN);
    expect(await store.readToken(alice)).toBe(TOKEN);
  });

  it('leaves no unhandled rejection when an abandoned call fails later', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { backend, store } = setup(20);
      backend.hang('setPassword');
      await expect(store.saveToken(alice, TOKEN)).rejects.toMatchObject({ reason: 'timeout' });

      backend.releaseHungCalls(new Error('Cannot create an item in a locked collection'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it.each([
    ['Cannot create an item in a locked collection', 'locked'],
    ['User interaction is not allowed.', 'locked'],
    ['User canceled the operation.', 'denied'],
    ['Could not connect: No such file or directory', 'unavailable'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'unavailable'],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'unavailable'],
  ])('turns the backend error "%s" into reason %s', async (osMessage, reason) => {
    const { backend, store } = setup();
    const cause = new Error(osMessage);
    backend.fail('setPassword', cause);

    const error = await rejection(store.saveToken(alice, TOKEN));

    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect(error).toMatchObject({ reason, operation: 'write', cause });
    expect((error as Error).message).not.toContain(osMessage);
  });

  it('turns a backend that throws synchronously into KeychainUnavailableError', async () => {
    const { backend, store } = setup();
    backend.getPassword = () => {
      throw new Error('native module failed to load');
    };

    await expect(store.readCacheKey(alice)).rejects.toMatchObject({ reason: 'unavailable' });
  });

  it('still tries to delete the key when deleting the token fails', async () => {
    const { backend, store } = setup();
    await store.getOrCreateCacheKey(alice);
    let deletes = 0;
    const realDelete = backend.deletePassword.bind(backend);
    backend.deletePassword = async (service, account) => {
      deletes += 1;
      if (account.startsWith('session-token:')) throw new Error('Could not connect');
      return realDelete(service, account);
    };

    await expect(store.forgetAccount(alice)).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect(deletes).toBe(2);
    expect(await store.readCacheKey(alice)).toBeNull();
  });
});
