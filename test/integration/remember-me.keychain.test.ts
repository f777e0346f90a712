import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CredentialStore,
  createKeytarBackend,
  type ServerAccount,
} from '../../main/core/credentials';
import { filesContaining, secretForms } from '../../main/core/credentials/testing/scan-files';
import { assertThrowawayKeyring } from '../../main/core/credentials/testing/throwaway-keyring';
import { waitFor } from '../../main/core/testing/harness';
import { ANN, BOB, messagesOf, OfflineWorld, signIn } from './support';

/**
 * Remember me through the real keychain (gnome-keyring via keytar, in the throwaway keyring
 * of scripts/with-keyring.sh), and nothing secret or readable in the app's data folder.
 */
const SERVICE = `Parley-it-${randomUUID().slice(0, 8)}`;
const BODY = 'the quarterly numbers are in the blue folder';
let world: OfflineWorld;
let account: ServerAccount;
const realStore = () => new CredentialStore({ backend: createKeytarBackend(), service: SERVICE });

beforeAll(async () => {
  assertThrowawayKeyring();
  world = new OfflineWorld();
  await world.seed();
  account = { serverUrl: world.url, username: ANN.username };
});

afterAll(async () => {
  await realStore()
    .forgetAccount(account)
    .catch(() => undefined);
  await world?.close();
});

describe('remember me on a real Secret Service', () => {
  it('stores the token, restores the session at the next start, and logout deletes it', async () => {
    const bob = await world.core(world.bobDir);
    await signIn(bob, world.url, BOB, false);
    const ann = await world.core(world.annDir, { credentials: realStore() });
    await signIn(ann, world.url, ANN, true);
    await bob.core.handlers.sendMessage({
      channelId: world.channelId,
      clientId: randomUUID(),
      body: BODY,
    });
    await waitFor(() => messagesOf(ann.events).some((m) => m.body === BODY), 3_000, 'message');

    const token = await realStore().readToken(account);
    expect(token).toMatch(/\S{32,}/);
    await world.dispose(ann);
    const again = await world.core(world.annDir, { credentials: realStore() });
    expect(again.core.snapshot().session?.user.username).toBe('ann');
    await waitFor(() => again.core.snapshot().connection === 'online', 5_000, 'online');

    const key = await realStore().readCacheKey(account);
    const needles = {
      ...secretForms('token', Buffer.from(token!)),
      ...secretForms('cache key', key!),
      password: Buffer.from(ANN.password),
      body: Buffer.from(BODY),
      'body utf16': Buffer.from(BODY, 'utf16le'),
    };
    expect(await filesContaining(world.annDir, needles)).toEqual([]);
    const scanWorks = await filesContaining(world.annDir, {
      name: Buffer.from('"username": "ann"'),
    });
    // Names only: which account to restore, and which accounts have a cache here (issue 4).
    expect(scanWorks).toEqual(['accounts.json: name', 'known-accounts.json: name']);

    await again.core.handlers.logout({});
    expect(await realStore().readToken(account)).toBeNull();
    expect(await realStore().readCacheKey(account)).not.toBeNull();
    expect(await filesContaining(world.annDir, needles)).toEqual([]);
  });
});
