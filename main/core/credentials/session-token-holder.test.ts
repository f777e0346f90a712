import { describe, expect, it } from 'vitest';

import { CredentialStore } from './credential-store';
import { KeychainUnavailableError } from './errors';
import { SessionTokenHolder } from './session-token-holder';
import { FakeKeychain } from './testing/fake-keychain';

const alice = { serverUrl: 'https://chat.example.com', username: 'alice' };
const TOKEN = 'tok_' + 'R'.repeat(40);
const TOKEN_NAME = 'Parley\nsession-token:alice@https://chat.example.com';

function setup(remember: boolean, timeoutMs = 3_000) {
  const backend = new FakeKeychain();
  const store = new CredentialStore({ backend, timeoutMs });
  const holder = new SessionTokenHolder({ store, account: alice, remember });
  return { backend, holder };
}

describe('SessionTokenHolder with "Remember me" off', () => {
  it('holds the token in memory and never calls setPassword', async () => {
    const { backend, holder } = setup(false);

    expect(await holder.hold(TOKEN)).toEqual({ remembered: false, because: 'remember_off' });

    expect(holder.current()).toBe(TOKEN);
    expect(backend.calls.some((call) => call.method === 'setPassword')).toBe(false);
    expect(backend.entries.size).toBe(0);
  });

  it('removes a token remembered by an earlier run, and never reads one back', async () => {
    const { backend, holder } = setup(false);
    backend.entries.set(TOKEN_NAME, 'tok_' + 'O'.repeat(40));

    expect(await holder.restore()).toBeNull();
    expect(backend.calls.some((call) => call.method === 'getPassword')).toBe(false);

    await holder.hold(TOKEN);
    expect(backend.entries.has(TOKEN_NAME)).toBe(false);
  });

  it('still logs in when the keychain is broken, without writing anything', async () => {
    const { backend, holder } = setup(false);
    backend.fail('deletePassword', new Error('Could not connect'));

    expect(await holder.hold(TOKEN)).toEqual({ remembered: false, because: 'remember_off' });
    expect(holder.current()).toBe(TOKEN);
    expect(backend.calls.some((call) => call.method === 'setPassword')).toBe(false);
  });
});

describe('SessionTokenHolder with "Remember me" on', () => {
  it('remembers the token and restores it in the next run', async () => {
    const first = setup(true);
    expect(await first.holder.hold(TOKEN)).toEqual({ remembered: true });

    const nextRun = new SessionTokenHolder({
      store: new CredentialStore({ backend: first.backend }),
      account: alice,
      remember: true,
    });
    expect(await nextRun.restore()).toBe(TOKEN);
    expect(nextRun.current()).toBe(TOKEN);
  });

  it('goes on in memory with an error to show when the keychain is unavailable', async () => {
    const { backend, holder } = setup(true);
    backend.fail('setPassword', new Error('Cannot create an item in a locked collection'));

    const outcome = await holder.hold(TOKEN);

    expect(outcome).toMatchObject({ remembered: false, because: 'keychain_unavailable' });
    const error = (outcome as { error: KeychainUnavailableError }).error;
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect(error.reason).toBe('locked');
    expect(error.message).toBe('The system keychain is locked. Unlock it and try again.');
    expect(holder.current()).toBe(TOKEN);
    expect(backend.entries.size).toBe(0);
  });

  it('goes on in memory within the bound when the keychain hangs', async () => {
    const { backend, holder } = setup(true, 100);
    backend.hang('setPassword');

    const started = Date.now();
    const outcome = await holder.hold(TOKEN);

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(outcome).toMatchObject({
      because: 'keychain_unavailable',
      error: { reason: 'timeout' },
    });
    expect(holder.current()).toBe(TOKEN);
  });

  it('forgets the token in memory even when the keychain cannot delete it', async () => {
    const { backend, holder } = setup(true);
    await holder.hold(TOKEN);
    backend.fail('deletePassword', new Error('Could not connect'));

    await expect(holder.forget()).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect(holder.current()).toBeNull();
  });

  it('forgets the token in memory and in the keychain', async () => {
    const { backend, holder } = setup(true);
    await holder.hold(TOKEN);

    await holder.forget();

    expect(holder.current()).toBeNull();
    expect(backend.entries.size).toBe(0);
  });
});
