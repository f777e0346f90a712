import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { authenticator } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CredentialStore } from '../../main/core/credentials';
import { FakeKeychain } from '../../main/core/credentials/testing/fake-keychain';
import { secretForms } from '../../main/core/credentials/testing/scan-files';
import { DEFAULT_POLICY } from '../../main/core/policy/defaults';
import { fixedPolicy } from '../../main/core/session/ports';
import { ALICE, BOB, TestWorld, openChannel, send } from './harness/world';

/**
 * A run with every log on disk (each core's log and audit log, the server's log), then a scan
 * of every file for the secrets the run used: tokens and cache keys (from the keychain fake),
 * passwords, TOTP codes and message bodies. None may appear.
 */
const CAROL = { username: 'carol', password: 'carol-two-factor-pass', displayName: 'Carol' };
const WRONG_PASSWORD = 'definitely-not-alices-password';
const BODIES = ['The vault code is on the back of the calendar', 'Payroll moves to Friday'];
const alertOf = (page: Page) => page.locator('.login-screen [role="alert"]');

describe('what the logs of a run contain', () => {
  let world: TestWorld;
  const dirs: string[] = [];
  const keychain = new FakeKeychain();
  const codes: string[] = [];

  async function app(core = {}) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-e2e-logs-'));
    dirs.push(dataDir);
    return world.openClient({
      dataDir,
      credentials: new CredentialStore({ backend: keychain }),
      core,
    });
  }

  async function logIn(page: Page, who: { username: string; password: string }) {
    await page.getByLabel('Username').fill(who.username);
    await page.getByLabel('Password').fill(who.password);
    await page.getByLabel('Remember me on this computer').check();
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  beforeAll(async () => {
    world = await TestWorld.create({ logToFiles: true });
    await world.server.admin.createUser({ ...CAROL, role: 'member' });
  });

  afterAll(async () => {
    await world?.dispose();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('holds the security events and no token, key, password, TOTP code or message body', async () => {
    const alice = await app({
      policy: fixedPolicy({ ...DEFAULT_POLICY, eraseCacheOnRevocation: true }),
    });
    await logIn(alice.page, { ...ALICE, password: WRONG_PASSWORD });
    await alertOf(alice.page).waitFor();
    await logIn(alice.page, ALICE);
    await alice.page.getByRole('log').waitFor();
    const bob = await app();
    await logIn(bob.page, BOB);
    await openChannel(alice.page, 'general');
    await openChannel(bob.page, 'general');
    for (const body of BODIES) await send(bob.page, 'general', body);
    await alice.page.getByRole('log').getByText(BODIES[1]!).waitFor();

    const { secret } = world.server.admin.enrollMfa(CAROL.username);
    const carol = await app();
    await logIn(carol.page, CAROL);
    codes.push(authenticator.generate(secret));
    await carol.page.getByLabel('Authentication code').fill(codes[0]!);
    await carol.page.getByRole('button', { name: 'Verify' }).click();
    await carol.page.getByRole('button', { name: 'Log out' }).waitFor();

    const secrets = [...keychain.entries.values()];
    world.server.admin.revokeUser('alice', 'Audit drill');
    await alertOf(alice.page).waitFor();
    await bob.page.getByRole('button', { name: 'Log out' }).click();
    await alice.close();
    await bob.close();
    await carol.close();
    await new Promise((resolve) => setTimeout(resolve, 300)); // log streams flush

    const files = await world.logFiles();
    const text = new Map(
      await Promise.all(files.map(async (f) => [path.basename(f), await readFile(f)] as const)),
    );
    const needles: Record<string, Buffer> = {};
    secrets.forEach((value, n) => {
      Object.assign(needles, secretForms(`keychain secret ${n}`, Buffer.from(value)));
    });
    for (const password of [ALICE.password, BOB.password, CAROL.password, WRONG_PASSWORD]) {
      needles[`password ${password.slice(0, 3)}…`] = Buffer.from(password);
    }
    BODIES.forEach((body, n) => (needles[`body ${n}`] = Buffer.from(body)));
    const hits = [...text].flatMap(([name, bytes]) => [
      ...Object.entries(needles).flatMap(([label, needle]) =>
        bytes.includes(needle) ? [`${name}: ${label}`] : [],
      ),
      ...codes.flatMap((code) =>
        new RegExp(`(?<!\\d)${code}(?!\\d)`).test(bytes.toString('utf8'))
          ? [`${name}: TOTP code`]
          : [],
      ),
    ]);

    expect(secrets.length).toBeGreaterThanOrEqual(4); // tokens and cache keys of three users
    expect(hits).toEqual([]);
    const audit = [...text]
      .filter(([name]) => name.startsWith('audit-'))
      .flatMap(([, bytes]) => bytes.toString('utf8').split('\n').filter(Boolean))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const events = audit.map((line) => line.event);
    for (const event of ['login.failed', 'login.succeeded', 'session.revoked', 'cache.erased']) {
      expect(events).toContain(event);
    }
    expect(events).toContain('logout');
    expect(audit.find((line) => line.event === 'session.revoked')?.reason).toBe(
      'Your session was ended by an administrator. Reason given: Audit drill',
    );
    expect([...text.keys()]).toEqual(expect.arrayContaining(['server.log', 'core-1.log']));
  });
});
