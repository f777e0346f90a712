import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ALICE, BOB, TestWorld, logIn, openChannel, send } from './harness/world';

function messageRow(page: Page, text: string) {
  return page.getByRole('log').locator('article', { hasText: text });
}

describe('two people chatting through the real core and server', () => {
  let world: TestWorld;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    world = await TestWorld.create();
    alice = await world.openLoggedIn(ALICE);
    bob = await world.openLoggedIn(BOB);
    await openChannel(alice, 'general');
    await openChannel(bob, 'general');
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it('shows a message alice sends on bob’s page', async () => {
    await send(alice, 'general', 'Morning Bob, standup in five');

    await messageRow(bob, 'Morning Bob, standup in five').waitFor();
    await expect(messageRow(bob, 'Morning Bob, standup in five').textContent()).resolves.toContain(
      ALICE.displayName,
    );
  });

  it('counts unread messages in a channel bob is not looking at', async () => {
    await send(alice, 'general', 'placeholder to keep alice in general');
    await openChannel(alice, 'random');
    await send(alice, 'random', 'Anyone up for lunch?');

    const randomButton = bob
      .getByRole('navigation', { name: 'Channels' })
      .getByRole('button', { name: /^# random/ });
    await randomButton.getByLabel('1 unread').waitFor();

    await openChannel(bob, 'random');
    await messageRow(bob, 'Anyone up for lunch?').waitFor();
    await expect(randomButton.getByLabel(/unread/).count()).resolves.toBe(0);

    await openChannel(alice, 'general');
    await openChannel(bob, 'general');
  });

  it('carries an edit and a delete to the other page', async () => {
    await send(alice, 'general', 'The build is grene');
    await messageRow(bob, 'The build is grene').waitFor();

    const own = messageRow(alice, 'The build is grene');
    await own.hover();
    await own.getByRole('button', { name: 'Edit' }).click();
    const editor = alice.getByLabel('Edit message');
    await editor.fill('The build is green');
    await editor.press('Enter');

    const edited = messageRow(bob, 'The build is green');
    await edited.waitFor();
    await expect(edited.textContent()).resolves.toContain('(edited)');

    const toDelete = messageRow(alice, 'The build is green');
    await toDelete.hover();
    await toDelete.getByRole('button', { name: 'Delete' }).click();
    await alice.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();

    await messageRow(bob, 'This message was deleted.').waitFor();
    await expect(messageRow(bob, 'The build is green').count()).resolves.toBe(0);
  });

  it('shows HTML and a script tag in a message as text, never as markup', async () => {
    const hostile =
      '<b>bold?</b><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await send(alice, 'general', hostile);

    const row = messageRow(bob, '<script>window.__pwned=2</script>');
    await row.waitFor();

    await expect(row.textContent()).resolves.toContain('<b>bold?</b>');
    await expect(row.locator('b, img, script').count()).resolves.toBe(0);
    await expect(bob.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).resolves.toBe(
      undefined,
    );
  });

  it('says reconnecting while the server is away, then shows what was sent meanwhile', async () => {
    await world.stopServer();

    await bob.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor();
    await alice.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor();

    await world.startAgain();
    await alice.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor({
      state: 'detached',
      timeout: 30_000,
    });
    await send(alice, 'general', 'Server is back, did you miss me?');

    await messageRow(bob, 'Server is back, did you miss me?').waitFor({ timeout: 30_000 });
    await bob.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor({
      state: 'detached',
    });
  });
});

describe('logging in', () => {
  let world: TestWorld;

  beforeAll(async () => {
    world = await TestWorld.create();
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it('says in plain words that the password is wrong', async () => {
    const { page } = await world.openClient();

    await logIn(page, { ...ALICE, password: 'not-her-password' });

    await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
    await expect(page.getByRole('log').count()).resolves.toBe(0);
  });

  it('runs the page under the content security policy without violations', async () => {
    const { page } = await world.openClient();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await page.reload();

    await logIn(page, ALICE);
    await page.getByRole('log').waitFor();

    expect(violations).toEqual([]);
  });
});
