import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CredentialStore, createKeytarBackend } from '../../main/core/credentials';
import { assertThrowawayKeyring } from '../../main/core/credentials/testing/throwaway-keyring';
import type { AuditEventName, AuditFields } from '../../main/core/audit/audit-log';
import { ALICE, BOB, TestWorld, openChannel, send, type TestAccount } from './harness/world';

/**
 * Revocation end to end with the REAL keychain (gnome-keyring through keytar, inside
 * scripts/with-keyring.sh): the real renderer in Chromium, the real core, the real server.
 * Lives in the keychain project, so `npm run test:keychain` builds the renderer first.
 */
type AuditRecord = { event: AuditEventName; fields: AuditFields };

const SERVICE = `Parley-e2e-${randomUUID().slice(0, 8)}`;
const fastReconnect = { initialDelayMs: 100, maxDelayMs: 500, jitter: 0.2 };
const ENDED = 'Your session was ended by an administrator.';

const realStore = () => new CredentialStore({ backend: createKeytarBackend(), service: SERVICE });
const alertOf = (page: Page) => page.locator('.login-screen [role="alert"]');
const rows = (page: Page, text: string) =>
  page.getByRole('log').locator('article', { hasText: text });

async function logInRemembered(page: Page, account: TestAccount): Promise<void> {
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByLabel('Remember me on this computer').check();
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('log').waitFor();
}

describe('an administrator ends sessions, with the real keychain', () => {
  let world: TestWorld;
  const dirs: string[] = [];
  const appDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-e2e-app-'));
    dirs.push(dir);
    return dir;
  };
  const app = (dataDir: string) =>
    world.openClient({ dataDir, credentials: realStore(), reconnect: fastReconnect });
  const token = (username: string) =>
    realStore().readToken({ serverUrl: world.server.url, username });

  beforeAll(async () => {
    assertThrowawayKeyring();
    world = await TestWorld.create();
  });

  afterAll(async () => {
    for (const username of ['alice', 'bob']) {
      await realStore()
        .forgetAccount({ serverUrl: world.server.url, username })
        .catch(() => undefined);
    }
    await world?.dispose();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('bob, connected, is at log-in with the reason within a second, and his token is gone', async () => {
    const bob = await app(await appDir());
    await logInRemembered(bob.page, BOB);
    expect(await token('bob')).not.toBeNull();

    const revokedAt = Date.now();
    world.server.admin.revokeUser('bob', 'Laptop reported stolen');
    await alertOf(bob.page).waitFor({ timeout: 1_000 });
    const shownAfterMs = Date.now() - revokedAt;
    while ((await token('bob')) !== null && Date.now() - revokedAt < 2_000) await sleep(10);
    const tokenGoneAfterMs = Date.now() - revokedAt;

    console.info(
      `revocation: page at log-in after ${shownAfterMs} ms, token gone after ${tokenGoneAfterMs} ms`,
    );
    expect(shownAfterMs).toBeLessThan(1_000);
    expect(tokenGoneAfterMs).toBeLessThan(1_000);
    expect(await alertOf(bob.page).textContent()).toBe(
      `${ENDED} Reason given: Laptop reported stolen`,
    );
    await bob.page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await token('bob')).toBeNull();
    await bob.close();
  });

  it('bob, stopped when revoked, lands at log-in on start; his queued messages are not sent by alice', async () => {
    const dir = await appDir();
    const first = await app(dir);
    await logInRemembered(first.page, BOB);
    await openChannel(first.page, 'general');
    await world.stopServer();
    await send(first.page, 'general', 'Queued by bob, one');
    await send(first.page, 'general', 'Queued by bob, two');
    await expect
      .poll(() => first.page.locator('article[data-client-id][data-status="pending"]').count())
      .toBe(2);
    await first.close();
    await world.startAgain();
    world.server.admin.revokeUser('bob', 'Left the team');

    const audit: AuditRecord[] = [];
    const again = await world.openClient({
      dataDir: dir,
      credentials: realStore(),
      reconnect: fastReconnect,
      core: { audit: { record: (event, fields = {}) => audit.push({ event, fields }) } },
    });
    await again.page.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => audit.map((r) => r.event)).toContain('session.revoked');
    expect(audit.find((r) => r.event === 'session.revoked')?.fields.reason).toBe(
      `${ENDED} Reason given: Left the team`,
    );
    await again.page
      .getByRole('alert')
      .filter({ hasText: `${ENDED} Reason given: Left the team` })
      .waitFor({ timeout: 10_000 });
    expect(await token('bob')).toBeNull();

    await logInRemembered(again.page, ALICE);
    await again.page
      .getByText('2 unsent messages from bob were discarded because a different user logged in.')
      .waitFor();
    const watcher = await world.openLoggedIn(BOB);
    await openChannel(watcher, 'general');
    await openChannel(again.page, 'general');
    await sleep(500);
    expect(await rows(watcher, 'Queued by bob').count()).toBe(0);
    expect(await rows(again.page, 'Queued by bob').count()).toBe(0);
    await again.close();
  });

  it('revoke-all ends every user (two pages)', async () => {
    const alice = await app(await appDir());
    const bob = await app(await appDir());
    await logInRemembered(alice.page, ALICE);
    await logInRemembered(bob.page, BOB);

    world.server.admin.revokeAll('Security incident');

    for (const page of [alice.page, bob.page]) {
      await alertOf(page).waitFor({ timeout: 2_000 });
      expect(await alertOf(page).textContent()).toBe(`${ENDED} Reason given: Security incident`);
    }
    expect(await token('alice')).toBeNull();
    expect(await token('bob')).toBeNull();
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
