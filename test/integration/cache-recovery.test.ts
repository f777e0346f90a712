import { randomFillSync, randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, writeSync } from 'node:fs';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { OutboxStore } from '../../main/core/cache/outbox-store';
import { MessageStore } from '../../main/core/cache/message-store';
import { waitFor, type CoreHarness } from '../../main/core/testing/harness';
import { ANN, BOB, messagesOf, OfflineWorld, serverCopies, signIn } from './support';

/** A cache damaged on disk or failing at run time never takes the app down. */
let world: OfflineWorld;

beforeEach(async () => {
  world = new OfflineWorld();
  await world.seed();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await world.close();
});

const REBUILT = "Parley's local copy of your messages was damaged and has been rebuilt";
const PAGE = 4096;

/** What `dd if=/dev/urandom of=<db> bs=4096 seek=3 count=4 conv=notrunc` does. */
function damageMiddlePages(dataDir: string): void {
  const dir = path.join(dataDir, 'cache');
  const name = readdirSync(dir).find((file) => file.endsWith('.db'));
  const fd = openSync(path.join(dir, name!), 'r+');
  try {
    writeSync(fd, randomFillSync(Buffer.alloc(PAGE * 4)), 0, PAGE * 4, PAGE * 3);
  } finally {
    closeSync(fd);
  }
}

const quarantined = (dataDir: string) => {
  const dir = path.join(dataDir, 'cache', 'quarantine');
  return existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.db')) : [];
};
const notices = (h: CoreHarness) =>
  h.events.flatMap((event) => (event.type === 'notice' ? [event.text] : []));

/** Ann queues one message with the server down, quits, and her cache file is then damaged. */
async function queueThenDamage(remember: boolean): Promise<string> {
  const ann = await world.core(world.annDir);
  await signIn(ann, world.url, ANN, remember);
  await world.stopServer();
  await waitFor(() => ann.core.snapshot().connection !== 'online', 3_000, 'offline');
  const clientId = randomUUID();
  await ann.core.handlers.sendMessage({ channelId: world.channelId, clientId, body: 'queued' });
  await world.dispose(ann);
  damageMiddlePages(world.annDir);
  await world.start();
  return clientId;
}

async function expectDeliveredOnce(clientId: string): Promise<void> {
  const bob = await world.core(world.bobDir);
  await signIn(bob, world.url, BOB, false);
  expect(await serverCopies(bob, world.channelId, clientId)).toBe(1);
}

describe('a damaged cache file', () => {
  it('is quarantined at log in, rebuilt, audited and announced; the queued message goes once', async () => {
    const clientId = await queueThenDamage(false);
    const ann = await world.core(world.annDir);

    const login = await ann.core.dispatch('login', { serverUrl: world.url, ...ANN });

    expect(login.ok).toBe(true);
    await waitFor(() => ann.core.snapshot().outbox.length === 0, 5_000, 'outbox flushed');
    expect(quarantined(world.annDir)).toHaveLength(1);
    expect(world.audit.filter((r) => r.event === 'cache.quarantined')).toMatchObject([
      { fields: { reason: 'corrupt', salvagedOutbox: 1, outboxComplete: true } },
    ]);
    expect(notices(ann)).toContain(`${REBUILT} from the server.`);
    expect(ann.core.snapshot().connection).toBe('online');
    await expectDeliveredOnce(clientId);
  });

  it('keeps a remembered session signed in at start-up and syncs it from the server', async () => {
    const clientId = await queueThenDamage(true);

    const ann = await world.core(world.annDir);

    expect(ann.core.snapshot().session?.user.username).toBe('ann');
    expect(ann.logs.some((line) => line.includes('session.restore_failed'))).toBe(false);
    await waitFor(() => ann.core.snapshot().connection === 'online', 5_000, 'online');
    await waitFor(() => ann.core.snapshot().outbox.length === 0, 5_000, 'outbox flushed');
    expect(ann.core.snapshot().channels.map((c) => c.name)).toEqual(['general']);
    expect(quarantined(world.annDir)).toHaveLength(1);
    expect(world.audit.some((r) => r.event === 'cache.quarantined')).toBe(true);
    expect(notices(ann).some((text) => text.startsWith(REBUILT))).toBe(true);
    await expectDeliveredOnce(clientId);
  });
});

const diskFull = () =>
  Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

describe('a cache that fails at run time', () => {
  it('refuses a send on a full disk with a plain error and a notice, and keeps running', async () => {
    const ann = await world.core(world.annDir);
    await signIn(ann, world.url, ANN);
    vi.spyOn(OutboxStore.prototype, 'enqueue').mockImplementation(() => {
      throw diskFull();
    });

    const sent = await ann.core.dispatch('sendMessage', {
      channelId: world.channelId,
      clientId: randomUUID(),
      body: 'no room',
    });

    expect(sent).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!sent.ok && sent.error.message).toMatch(/disk is full/);
    await waitFor(() => notices(ann).some((text) => /disk is full/.test(text)), 2_000, 'notice');
    expect(ann.core.snapshot().connection).toBe('online');
  });

  it('still shows live messages when they cannot be stored, and tells the user once', async () => {
    const ann = await world.core(world.annDir);
    await signIn(ann, world.url, ANN);
    const bob = await world.core(world.bobDir);
    await signIn(bob, world.url, BOB, false);
    vi.spyOn(MessageStore.prototype, 'apply').mockImplementation(() => {
      throw diskFull();
    });
    const say = (body: string) =>
      bob.core.handlers.sendMessage({ channelId: world.channelId, clientId: randomUUID(), body });

    await say('one');
    await say('two');

    await waitFor(() => messagesOf(ann.events).length >= 2, 3_000, 'live messages');
    expect(notices(ann).filter((text) => /disk is full/.test(text))).toHaveLength(1);
  });
});

describe('server events', () => {
  it('contains a handler that throws: the process stays up and later events still arrive', async () => {
    let calls = 0;
    const ann = await world.core(world.annDir, {
      notifications: {
        setActiveChannel: () => undefined,
        setMode: () => undefined,
        modes: () => ({}),
        onMessage: () => {
          calls += 1;
          if (calls === 1) throw new TypeError('broken listener');
        },
      },
    });
    await signIn(ann, world.url, ANN);
    const bob = await world.core(world.bobDir);
    await signIn(bob, world.url, BOB, false);
    const say = (body: string) =>
      bob.core.handlers.sendMessage({ channelId: world.channelId, clientId: randomUUID(), body });

    await say('first');
    await say('second');

    await waitFor(() => calls >= 2, 3_000, 'second event handled');
    expect(
      ann.logs.some((line) => /"errorName":"TypeError".*connection.handler_failed/.test(line)),
    ).toBe(true);
    await waitFor(() => messagesOf(ann.events).length >= 2, 3_000, 'both forwarded');
    expect(messagesOf(ann.events).map((m) => m.body)).toEqual(['first', 'second']);
  });
});

describe('the bridge', () => {
  it('refuses a server address with a path, query, fragment or credentials', async () => {
    const ann = await world.core(world.annDir);
    const base = world.url;

    for (const serverUrl of [
      `${base}/chat`,
      `${base}/?x=1`,
      `${base}/#top`,
      `https://a:b@127.0.0.1`,
    ]) {
      const result = await ann.core.dispatch('login', { serverUrl, ...ANN });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(!result.ok && result.error.message).toMatch(/nothing after it/);
    }
    expect((await ann.core.dispatch('getServerInfo', { serverUrl: `${base}/` })).ok).toBe(true);
  });
});

describe('quitting', () => {
  const liveSessions = (username: string) =>
    world.server!.admin.listSessions().filter((s) => s.username === username && !s.revokedAt);

  it('logs a session that is not remembered out on the server', async () => {
    const ann = await world.core(world.annDir);
    await signIn(ann, world.url, ANN, false);
    expect(liveSessions('ann')).toHaveLength(1);

    await world.dispose(ann);

    expect(liveSessions('ann')).toHaveLength(0);
  });

  it('keeps a remembered session valid for the next start', async () => {
    const ann = await world.core(world.annDir);
    await signIn(ann, world.url, ANN, true);

    await world.dispose(ann);

    expect(liveSessions('ann')).toHaveLength(1);
    const again = await world.core(world.annDir);
    await waitFor(() => again.core.snapshot().connection === 'online', 5_000, 'restored online');
  });
});
