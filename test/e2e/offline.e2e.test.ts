import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CredentialStore } from '../../main/core/credentials';
import { FakeKeychain } from '../../main/core/credentials/testing/fake-keychain';
import { ALICE, BOB, TestWorld, openChannel, send } from './harness/world';

/**
 * Offline start and the outbox, end to end: the real renderer in Chromium, the real core on a
 * data folder that outlives it (with an in-memory keychain that does too), the real server.
 */
const rows = (page: Page, text: string) =>
  page.getByRole('log').locator('article', { hasText: text });
const unsent = (page: Page) => page.locator('article[data-client-id][data-status="pending"]');
const fastReconnect = { initialDelayMs: 100, maxDelayMs: 500, jitter: 0.2 };

describe('offline start and the outbox', () => {
  let world: TestWorld;
  let dataDir: string;
  const keychain = new FakeKeychain();
  const app = () =>
    world.openClient({
      dataDir,
      credentials: new CredentialStore({ backend: keychain }),
      reconnect: fastReconnect,
    });

  beforeAll(async () => {
    world = await TestWorld.create();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-e2e-app-'));
  });

  afterAll(async () => {
    await world?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows cached messages after a restart without the server, and sends what was written offline exactly once', async () => {
    const first = await app();
    await first.page.getByLabel('Username').fill(ALICE.username);
    await first.page.getByLabel('Password').fill(ALICE.password);
    await first.page.getByLabel('Remember me on this computer').check();
    await first.page.getByRole('button', { name: 'Log in' }).click();
    const bob = await world.openLoggedIn(BOB);
    await openChannel(first.page, 'general');
    await openChannel(bob, 'general');
    await send(bob, 'general', 'Minutes are in the shared folder');
    await rows(first.page, 'Minutes are in the shared folder').waitFor();

    await world.stopServer();
    await first.close();
    const second = await app();
    const alice = second.page;
    await openChannel(alice, 'general');
    await rows(alice, 'Minutes are in the shared folder').waitFor();

    await send(alice, 'general', 'Written on the train, one');
    await send(alice, 'general', 'Written on the train, two');
    await expect.poll(() => unsent(alice).count()).toBe(2);

    await world.startAgain();
    await rows(bob, 'Written on the train, one').waitFor({ timeout: 20_000 });
    await rows(bob, 'Written on the train, two').waitFor();
    await expect.poll(() => unsent(alice).count(), { timeout: 10_000 }).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await rows(bob, 'Written on the train, one').count()).toBe(1);
    expect(await rows(bob, 'Written on the train, two').count()).toBe(1);
  });
});
