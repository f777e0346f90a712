import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createAdminCommands } from '../admin/commands';
import { Store } from '../store/store';
import { makeTempDir, removeDir } from '../testing/harness';
import { makeAuth } from '../testing/auth';
import { TestClock } from '../testing/clock';
import { hashPassword, verifyPassword } from './password';
import type { AuthService } from './sessions';
import { hashToken } from './tokens';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');

    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', stored)).resolves.toBe(false);
  });

  it('salts every hash, so the same password hashes differently', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('rejects a malformed stored hash instead of throwing', async () => {
    await expect(verifyPassword('x', 'scrypt$3$8$1$AAAA$AAAA')).resolves.toBe(false);
    await expect(verifyPassword('x', 'plaintext')).resolves.toBe(false);
  });
});

describe('sessions', () => {
  let dir: string;
  let store: Store;
  let auth: AuthService;

  beforeEach(async () => {
    dir = await makeTempDir();
    const clock = new TestClock();
    store = Store.open(dir, clock.now);
    auth = makeAuth(store, { clock }).auth;
    await createAdminCommands(store).createUser({
      username: 'alice',
      displayName: 'Alice',
      role: 'member',
      password: 'alice-password',
    });
  });

  afterEach(async () => {
    store.close();
    await removeDir(dir);
  });

  const alice = (password: string) => ({ username: 'alice', password, address: '127.0.0.1' });

  it('gives a fresh token on every login and stores only its hash', async () => {
    const first = await auth.login(alice('alice-password'));
    const second = await auth.login(alice('alice-password'));
    expect(first.token).not.toBe(second.token);
    expect(first.token.length).toBeGreaterThanOrEqual(43);

    store.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(dir).filter((name) => name.startsWith('parley-server.db'))) {
      const bytes = readFileSync(path.join(dir, file));
      expect(bytes.includes(first.token)).toBe(false);
      expect(bytes.includes(second.token)).toBe(false);
    }
    expect(store.sessions.byTokenHash(hashToken(first.token))?.id).toBe(first.sessionId);
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const wrongPassword = await auth.login(alice('nope')).catch((e: unknown) => e);
    const unknownUser = await auth
      .login({ ...alice('nope'), username: 'mallory' })
      .catch((e: unknown) => e);

    expect(wrongPassword).toMatchObject({ code: 'bad_credentials' });
    expect(unknownUser).toMatchObject({ code: 'bad_credentials' });
    expect((wrongPassword as Error).message).toBe((unknownUser as Error).message);
  });

  it('refuses a revoked token with its reason and an unknown one as unauthorized', async () => {
    const { token, sessionId } = await auth.login(alice('alice-password'));
    store.sessions.revoke(sessionId, 'laptop stolen');

    expect(() => auth.authenticate(token)).toThrow(
      expect.objectContaining({
        code: 'session_revoked',
        message: expect.stringContaining('laptop stolen'),
      }),
    );
    expect(() => auth.authenticate('x'.repeat(43))).toThrow(
      expect.objectContaining({ code: 'unauthorized' }),
    );
  });
});
