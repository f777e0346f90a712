import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLoggerFactory } from '../log/logger';
import { KEYCHAIN_SERVICE } from './account-names';
import { CredentialStore } from './credential-store';
import { createKeytarBackend } from './keytar-backend';
import { SessionTokenHolder } from './session-token-holder';
import { filesContaining, listFiles, secretForms } from './testing/scan-files';
import { assertThrowawayKeyring } from './testing/throwaway-keyring';

const alice = { serverUrl: 'https://chat.example.test:8443', username: 'alice' };
const bob = { serverUrl: 'https://chat.example.test:8443', username: 'bob' };

describe('CredentialStore on a real Secret Service (gnome-keyring via keytar)', () => {
  let home: string;
  let appData: string;
  let logFile: string;
  let store: CredentialStore;

  beforeAll(async () => {
    home = assertThrowawayKeyring();
    appData = await fs.mkdtemp(path.join(home, 'app-data-'));
    logFile = path.join(appData, 'logs', 'main.log');
    await fs.mkdir(path.dirname(logFile));

    const destination = pino.destination({ dest: logFile, sync: true });
    const logger = createLoggerFactory({ destination, level: 'debug' })('credentials');
    store = new CredentialStore({ backend: createKeytarBackend(), logger });
  });

  afterAll(async () => {
    if (store) await store.forgetAccount(alice).catch(() => undefined);
  });

  it('stores, reads back and deletes a session token through real keytar', async () => {
    const token = `tok_${randomBytes(32).toString('base64url')}`;

    await store.saveToken(alice, token);
    expect(await store.readToken(alice)).toBe(token);

    const raw = await createKeytarBackend().getPassword(
      KEYCHAIN_SERVICE,
      'session-token:alice@https://chat.example.test:8443',
    );
    expect(raw).toBe(token);

    expect(await store.deleteToken(alice)).toBe(true);
    expect(await store.readToken(alice)).toBeNull();
  });

  it('creates the cache key once and reads the same 32 bytes back, also from a new store', async () => {
    const created = await store.getOrCreateCacheKey(alice);
    const again = await store.getOrCreateCacheKey(alice);
    const fromNewStore = await new CredentialStore({ backend: createKeytarBackend() }).readCacheKey(
      alice,
    );

    expect(created).toHaveLength(32);
    expect(again.equals(created)).toBe(true);
    expect(fromNewStore?.equals(created)).toBe(true);

    await store.forgetAccount(alice);
    expect(await store.readCacheKey(alice)).toBeNull();
  });

  it('writes no token or key to any file, in the app data folder or the keyring home', async () => {
    const remembered = `tok_${randomBytes(32).toString('base64url')}`;
    const memoryOnly = `tok_${randomBytes(32).toString('base64url')}`;

    const rememberOn = new SessionTokenHolder({ store, account: alice, remember: true });
    expect(await rememberOn.hold(remembered)).toEqual({ remembered: true });
    const rememberOff = new SessionTokenHolder({ store, account: bob, remember: false });
    expect(await rememberOff.hold(memoryOnly)).toMatchObject({ remembered: false });
    const key = await store.getOrCreateCacheKey(alice);
    expect(await store.readToken(alice)).toBe(remembered);
    expect(await store.readToken(bob)).toBeNull();

    const needles = {
      ...secretForms('remembered token', Buffer.from(remembered)),
      ...secretForms('memory-only token', Buffer.from(memoryOnly)),
      ...secretForms('cache key', key),
    };
    const log = await fs.readFile(logFile, 'utf8');
    expect(log).toContain('credentials.cache_key_created');

    // The scan covers our log file and gnome-keyring's own (encrypted) keyring file.
    const files = await listFiles(home);
    expect(files).toContain(logFile);
    expect(files.some((file) => file.endsWith('.keyring'))).toBe(true);
    expect(await filesContaining(appData, needles)).toEqual([]);
    expect(await filesContaining(home, needles)).toEqual([]);
  });

  it('has a file scan that does find a secret written in the clear (control)', async () => {
    const control = await fs.mkdtemp(path.join(home, 'control-'));
    const key = randomBytes(32);
    await fs.writeFile(path.join(control, 'leak.json'), JSON.stringify({ k: key.toString('hex') }));

    expect(await filesContaining(control, secretForms('key', key))).toEqual(['leak.json: key hex']);
  });
});
