import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { authenticator } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cacheAccountId } from '../../main/core/account/account-storage';
import { accountCachePaths } from '../../main/core/cache';
import { CredentialStore } from '../../main/core/credentials';
import { FakeKeychain } from '../../main/core/credentials/testing/fake-keychain';
import { ALICE, BOB, TestWorld, logIn, openChannel, send } from './harness/world';

/**
 * Expiry, MFA and lockout end to end: the real renderer in Chromium, the real core, the real
 * server with a clock the test moves. (Revocation with the real keychain is in
 * sessions.keychain.test.ts.)
 */
const CAROL = { username: 'carol', password: 'carol-two-factor-pass', displayName: 'Carol' };
const DAVE = { username: 'dave', password: 'dave-will-be-locked', displayName: 'Dave' };
const alertOf = (page: Page) => page.locator('.login-screen [role="alert"]');
const rows = (page: Page, text: string) =>
  page.getByRole('log').locator('article', { hasText: text });

describe('session controls seen from the page', () => {
  let world: TestWorld;
  let offsetMs = 0;
  let dataDir: string;
  const keychain = new FakeKeychain();
  const credentials = () => new CredentialStore({ backend: keychain });

  beforeAll(async () => {
    world = await TestWorld.create({
      serverConfig: { sessionTtlMinutes: 60, rateLimit: { loginsPerMinute: 100 } },
      now: () => Date.now() + offsetMs,
    });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-e2e-app-'));
    for (const user of [CAROL, DAVE]) {
      await world.server.admin.createUser({ ...user, role: 'member' });
    }
  });

  afterAll(async () => {
    await world?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('an MFA user cannot log in without a valid code, and can with one', async () => {
    const { secret } = world.server.admin.enrollMfa(CAROL.username);
    const { page } = await world.openClient();

    await logIn(page, CAROL);
    const code = page.getByLabel('Authentication code');
    await code.waitFor();
    const current = authenticator.generate(secret);
    await code.fill(current === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await alertOf(page).waitFor();
    expect(await alertOf(page).textContent()).not.toBe('');
    expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);

    await code.fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Channels' }).count()).toBe(1);
  });

  it('the sixth wrong password locks the account and the page says until when', async () => {
    const { page } = await world.openClient();
    const wrong = { ...DAVE, password: 'not-daves-password' };

    const submit = page.locator('form button[type="submit"]');
    const attempt = async (account: typeof DAVE) => {
      await logIn(page, account);
      await page.waitForTimeout(50); // the button is disabled while the server answers
      await expect.poll(() => submit.isEnabled()).toBe(true);
    };
    for (let n = 1; n <= 5; n += 1) {
      await attempt(wrong);
      expect(await alertOf(page).textContent()).toMatch(/Wrong username or password/);
    }
    await attempt(wrong);

    await expect
      .poll(() => alertOf(page).textContent())
      .toMatch(/^Too many failed attempts\. Try again at \d{1,2}[:.]\d{2}/);
    await expect(page.getByText(/You can try again in 1[45]:\d{2}\./).count()).resolves.toBe(1);
    await attempt(DAVE); // even the right password waits until then
    expect(await alertOf(page).textContent()).toMatch(/^Too many failed attempts/);
  });

  it('a session that expires by the clock asks to log in again, with the cache kept', async () => {
    const alice = await world.openClient({ dataDir, credentials: credentials() });
    await logIn(alice.page, ALICE);
    const bob = await world.openLoggedIn(BOB);
    await openChannel(alice.page, 'general');
    await openChannel(bob, 'general');
    await send(bob, 'general', 'Agenda is pinned in the channel');
    await rows(alice.page, 'Agenda is pinned in the channel').waitFor();

    offsetMs += 61 * 60_000;
    await alertOf(alice.page).waitFor({ timeout: 10_000 });

    expect(await alertOf(alice.page).textContent()).toBe(
      'Your session expired. Please log in again.',
    );
    const account = { serverUrl: world.server.url, username: ALICE.username };
    expect(existsSync(accountCachePaths(dataDir, cacheAccountId(account)).file)).toBe(true);
    expect(await credentials().readToken(account)).toBeNull();
    await logIn(alice.page, ALICE);
    await openChannel(alice.page, 'general');
    await rows(alice.page, 'Agenda is pinned in the channel').waitFor({ timeout: 1_000 });
  });
});
