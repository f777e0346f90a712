import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { BridgeEvent } from '../../common/bridge';
import { cacheAccountId } from '../../main/core/account/account-storage';
import { readRememberedAccount } from '../../main/core/account/remembered-account';
import type { AuditLog } from '../../main/core/audit/audit-log';
import type { ParleyCoreOptions } from '../../main/core/core';
import { accountCachePaths } from '../../main/core/cache';
import { CredentialStore, type ServerAccount } from '../../main/core/credentials';
import { FakeKeychain } from '../../main/core/credentials/testing/fake-keychain';
import { DEFAULT_POLICY } from '../../main/core/policy/defaults';
import { fixedPolicy } from '../../main/core/session/ports';
import { startCore, waitFor, type CoreHarness } from '../../main/core/testing/harness';
import { startServer, type RunningServer, type ServerOptions } from '../../server/index';
import { ANN, BOB, serverCopies, signIn, type AuditRecord } from './support';

/**
 * The client side of server-controlled sessions, real core against the real server (with a
 * clock the test can move) and an in-memory keychain that outlives each core.
 */
class SessionWorld {
  server!: RunningServer;
  channelId = '';
  offsetMs = 0;
  readonly keychain = new FakeKeychain();
  readonly audit: AuditRecord[] = [];
  private readonly root = mkdtempSync(path.join(tmpdir(), 'parley-sessions-'));
  private readonly cores: CoreHarness[] = [];
  readonly appDir = path.join(this.root, 'app');
  readonly otherDir = path.join(this.root, 'other-app');

  private options: Partial<ServerOptions> = {};

  async start(options: Partial<ServerOptions> = {}): Promise<void> {
    this.options = options;
    await this.restart(0);
    const { admin } = this.server;
    const ann = await admin.createUser({ ...ANN, displayName: 'Ann', role: 'member' });
    const bob = await admin.createUser({ ...BOB, displayName: 'Bob', role: 'member' });
    this.channelId = admin.createChannel({ name: 'general' }).id;
    admin.addMember({ channelId: this.channelId, userId: ann.id });
    admin.addMember({ channelId: this.channelId, userId: bob.id });
  }

  /** Starts the server (again) on its data; `port` 0 picks one, else the same as before. */
  async restart(port = this.server.port): Promise<void> {
    this.server = await startServer({
      dataDir: path.join(this.root, 'server'),
      host: '127.0.0.1',
      port,
      quiet: true,
      now: () => Date.now() + this.offsetMs,
      ...this.options,
    });
  }

  get url(): string {
    return this.server.url;
  }

  credentials(): CredentialStore {
    return new CredentialStore({ backend: this.keychain, timeoutMs: 1_000 });
  }

  async core(dataDir: string, overrides: Partial<ParleyCoreOptions> = {}): Promise<CoreHarness> {
    const audit: AuditLog = { record: (event, fields = {}) => this.audit.push({ event, fields }) };
    const credentials = this.credentials();
    const harness = startCore([this.server.caCertPem], {
      dataDir,
      credentials,
      audit,
      ...overrides,
    });
    this.cores.push(harness);
    await harness.core.restored;
    return harness;
  }

  async dispose(harness: CoreHarness): Promise<void> {
    this.cores.splice(this.cores.indexOf(harness), 1);
    await harness.core.dispose();
  }

  async close(): Promise<void> {
    await Promise.all(this.cores.splice(0).map((h) => h.core.dispose()));
    await this.server?.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}

let world: SessionWorld;

beforeEach(() => {
  world = new SessionWorld();
});

afterEach(() => world.close());

const ended = (events: BridgeEvent[]) =>
  events.find(
    (event): event is Extract<BridgeEvent, { type: 'session' }> =>
      event.type === 'session' && event.session === null,
  );
const notices = (events: BridgeEvent[]) =>
  events.flatMap((event) => (event.type === 'notice' ? [event.text] : []));
const account = (username: string): ServerAccount => ({ serverUrl: world.url, username });
const cacheFile = (dataDir: string, username: string) =>
  accountCachePaths(dataDir, cacheAccountId(account(username))).file;
const erasing = fixedPolicy({ ...DEFAULT_POLICY, eraseCacheOnRevocation: true });

async function queueOffline(h: CoreHarness, body: string): Promise<string> {
  const clientId = randomUUID();
  const sent = await h.core.handlers.sendMessage({ channelId: world.channelId, clientId, body });
  expect(sent).toEqual({ ok: true, value: { clientId, state: 'queued' } });
  return clientId;
}

describe('revocation', () => {
  it('ends a connected session within a second: reason, no token, audit, cache kept', async () => {
    await world.start();
    const ann = await world.core(world.appDir);
    await signIn(ann, world.url, ANN, true);
    expect(await world.credentials().readToken(account('ann'))).not.toBeNull();

    const revokedAt = Date.now();
    world.server.admin.revokeUser('ann', 'Laptop reported stolen');
    await waitFor(() => ended(ann.events) !== undefined, 1_000, 'session end');
    const tokenGone = async () => (await world.credentials().readToken(account('ann'))) === null;
    while (!(await tokenGone()) && Date.now() - revokedAt < 2_000) await sleep(10);
    const latency = Date.now() - revokedAt;

    expect(latency).toBeLessThan(1_000);
    expect(ended(ann.events)?.reason).toBe(
      'Your session was ended by an administrator. Reason given: Laptop reported stolen',
    );
    expect(await tokenGone()).toBe(true);
    expect(readRememberedAccount(world.appDir)).toBeNull();
    expect(ann.core.snapshot()).toMatchObject({ session: null, connection: 'offline' });
    expect(world.audit).toContainEqual({
      event: 'session.revoked',
      fields: expect.objectContaining({
        reasonCode: 'session_revoked',
        reason: expect.stringContaining('Laptop reported stolen'),
      }),
    });
    expect(existsSync(cacheFile(world.appDir, 'ann'))).toBe(true);
  });

  it('keeps unsent messages for the same user and sends them at the next log in', async () => {
    await world.start({ sessionCheckIntervalMs: 60_000 });
    const ann = await world.core(world.appDir);
    await signIn(ann, world.url, ANN, false);
    await world.server.close();
    await waitFor(() => ann.core.snapshot().connection !== 'online', 3_000, 'offline');
    const clientId = await queueOffline(ann, 'queued before the revocation');
    await world.restart();
    world.server.admin.revokeUser('ann', 'Policy review');

    await waitFor(() => ended(ann.events) !== undefined, 5_000, 'refused at reconnect');
    expect(ended(ann.events)?.reason).toBe(
      'Your session was ended by an administrator. Reason given: Policy review',
    );
    const bob = await world.core(world.otherDir);
    await signIn(bob, world.url, BOB, false);
    expect(await serverCopies(bob, world.channelId, clientId)).toBe(0);

    await signIn(ann, world.url, ANN, false);
    await waitFor(() => ann.core.snapshot().outbox.length === 0, 5_000, 'outbox flushed');
    expect(await serverCopies(bob, world.channelId, clientId)).toBe(1);
  });

  it('a client that was stopped when revoked learns it at the next start', async () => {
    await world.start();
    const first = await world.core(world.appDir);
    await signIn(first, world.url, ANN, true);
    await world.dispose(first);
    world.server.admin.revokeUser('ann', 'Left the company');

    const again = await world.core(world.appDir);
    await waitFor(() => ended(again.events) !== undefined, 3_000, 'session end at start');

    expect(ended(again.events)?.reason).toBe(
      'Your session was ended by an administrator. Reason given: Left the company',
    );
    // A page that subscribes after the end still learns why, from the snapshot.
    expect(again.core.snapshot().sessionEndReason).toBe(ended(again.events)?.reason);
    expect(await world.credentials().readToken(account('ann'))).toBeNull();
    expect(readRememberedAccount(world.appDir)).toBeNull();
  });

  it('with eraseCacheOnRevocation, erases the cache files and key; logout keeps them', async () => {
    await world.start();
    const ann = await world.core(world.appDir, { policy: erasing });
    await signIn(ann, world.url, ANN, true);
    await ann.core.handlers.logout({});
    expect(existsSync(cacheFile(world.appDir, 'ann'))).toBe(true);
    expect(await world.credentials().readCacheKey(account('ann'))).not.toBeNull();

    await signIn(ann, world.url, ANN, true);
    world.server.admin.revokeUser('ann');
    await waitFor(() => world.audit.some((r) => r.event === 'cache.erased'), 2_000, 'erased');

    const file = cacheFile(world.appDir, 'ann');
    expect(['', '-wal', '-shm'].filter((suffix) => existsSync(file + suffix))).toEqual([]);
    expect(await world.credentials().readCacheKey(account('ann'))).toBeNull();
    expect(await world.credentials().readToken(account('ann'))).toBeNull();
    expect(world.audit.find((r) => r.event === 'cache.erased')?.fields).toMatchObject({
      keyDeleted: true,
    });
  });
});

describe('expiry', () => {
  it('ends the session when the clock passes its length, keeping the cache', async () => {
    await world.start({ config: { sessionTtlMinutes: 60 } });
    const ann = await world.core(world.appDir);
    await signIn(ann, world.url, ANN, true);

    world.offsetMs = 61 * 60_000;
    await waitFor(() => ended(ann.events) !== undefined, 5_000, 'expired');

    expect(ended(ann.events)?.reason).toBe('Your session expired. Please log in again.');
    expect(await world.credentials().readToken(account('ann'))).toBeNull();
    expect(existsSync(cacheFile(world.appDir, 'ann'))).toBe(true);
    expect(world.audit.map((r) => r.event)).toContain('session.expired');
  });

  it('a REST answer session_expired ends the session like a refused handshake', async () => {
    await world.start({ sessionCheckIntervalMs: 60_000, config: { sessionTtlMinutes: 60 } });
    const ann = await world.core(world.appDir);
    await signIn(ann, world.url, ANN, true);
    world.offsetMs = 61 * 60_000;

    const result = await ann.core.handlers.changePassword({
      currentPassword: ANN.password,
      newPassword: 'a-new-long-password',
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    await waitFor(() => ended(ann.events) !== undefined, 1_000, 'ended');
    expect(ended(ann.events)?.reason).toBe('Your session expired. Please log in again.');
  });
});

describe('a different user on the same computer', () => {
  it("drops the previous user's unsent messages with a notice, and never sends them", async () => {
    await world.start();
    const app = await world.core(world.appDir);
    await signIn(app, world.url, ANN, true);
    await world.server.close();
    await waitFor(() => app.core.snapshot().connection !== 'online', 3_000, 'offline');
    const ids = [await queueOffline(app, 'one'), await queueOffline(app, 'two')];
    await app.core.handlers.logout({});
    await world.restart();

    await signIn(app, world.url, BOB, false);
    await waitFor(() => notices(app.events).length > 0, 1_000, 'notice');

    expect(notices(app.events)).toContain(
      '2 unsent messages from ann were discarded because a different user logged in.',
    );
    expect(app.core.snapshot().outbox).toEqual([]);
    await app.core.handlers.logout({});
    await signIn(app, world.url, ANN, false);
    expect(app.core.snapshot().outbox).toEqual([]);
    for (const id of ids) expect(await serverCopies(app, world.channelId, id)).toBe(0);
  });
});

describe('password change', () => {
  it('ends the other sessions of the user and keeps this one', async () => {
    await world.start();
    const here = await world.core(world.appDir);
    const there = await world.core(world.otherDir);
    await signIn(here, world.url, ANN, false);
    await signIn(there, world.url, ANN, false);

    const result = await here.core.handlers.changePassword({
      currentPassword: ANN.password,
      newPassword: 'a-new-long-password',
    });

    expect(result).toEqual({ ok: true, value: null });
    await waitFor(() => ended(there.events) !== undefined, 2_000, 'other session ended');
    expect(ended(there.events)?.reason).toBe(
      'Your password was changed, so this session ended. Log in with the new password.',
    );
    expect(ended(here.events)).toBeUndefined();
    expect(here.core.snapshot().connection).toBe('online');
  });

  it('says the password changed to a client that was stopped at the time, too', async () => {
    await world.start();
    const here = await world.core(world.appDir);
    const there = await world.core(world.otherDir);
    await signIn(here, world.url, ANN, false);
    await signIn(there, world.url, ANN, true);
    await world.dispose(there);

    await here.core.handlers.changePassword({
      currentPassword: ANN.password,
      newPassword: 'a-new-long-password',
    });
    const again = await world.core(world.otherDir);
    await waitFor(() => ended(again.events) !== undefined, 3_000, 'session end at start');

    expect(ended(again.events)?.reason).toBe(
      'Your password was changed, so this session ended. Log in with the new password.',
    );
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
