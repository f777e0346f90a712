import { randomUUID } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { waitFor, type CoreHarness } from '../../main/core/testing/harness';
import { ANN, BOB, messagesOf, OfflineWorld, signIn } from './support';

/** Start-up from the encrypted cache, persisted sync cursors, local search and key rotation. */
let world: OfflineWorld;
let bob: CoreHarness;

beforeEach(async () => {
  world = new OfflineWorld();
  await world.seed();
  bob = await world.core(world.bobDir);
  await signIn(bob, world.url, BOB, false);
});

afterEach(() => world.close());

const say = (body: string) =>
  bob.core.handlers.sendMessage({ channelId: world.channelId, clientId: randomUUID(), body });

/** Ann signs in (remembered) and sees Bob's messages arrive; the cache now holds them. */
async function annWithHistory(bodies: string[]): Promise<CoreHarness> {
  const ann = await world.core(world.annDir);
  await signIn(ann, world.url, ANN);
  for (const body of bodies) await say(body);
  await waitFor(() => messagesOf(ann.events).length >= bodies.length, 3_000, 'messages');
  return ann;
}

describe('offline start', () => {
  it('paints the session, channels, users and the latest page from the cache with the server down', async () => {
    const ann = await annWithHistory(['first', 'second', 'third']);
    await world.stopServer();
    await world.dispose(ann);

    const again = await world.core(world.annDir);
    const snapshot = again.core.snapshot();
    const page = await again.core.handlers.loadMessages({ channelId: world.channelId });

    expect(snapshot.session?.user).toMatchObject({ username: 'ann', displayName: 'Ann' });
    expect(snapshot.connection).not.toBe('online');
    expect(snapshot.channels.map((c) => c.name)).toEqual(['general']);
    expect(snapshot.users.map((u) => u.username)).toEqual(['ann', 'bob']);
    expect(page.ok && page.value.messages.map((m) => m.body)).toEqual(['first', 'second', 'third']);
    await waitFor(() =>
      again.events.some((e) => e.type === 'session' && e.session?.user.username === 'ann'),
    );
  });

  it('after a restart, catches up only on what changed since the stored cursors', async () => {
    const ann = await annWithHistory(['one', 'two']);
    await world.dispose(ann);
    await say('three');
    await say('four');

    const again = await world.core(world.annDir);
    await waitFor(() => messagesOf(again.events).length >= 2, 5_000, 'catch-up');

    expect(messagesOf(again.events).map((m) => m.body)).toEqual(['three', 'four']);
    const page = await again.core.handlers.loadMessages({ channelId: world.channelId });
    expect(page.ok && page.value.messages.map((m) => m.body)).toEqual([
      'one',
      'two',
      'three',
      'four',
    ]);
  });

  it('searches the cache locally and marks the matched words', async () => {
    const ann = await annWithHistory(['Lunch at the café?', 'No, the meeting runs late']);
    await world.stopServer();

    const result = await ann.core.handlers.searchMessages({ query: 'cafe' });

    expect(result.ok && result.value).toMatchObject([
      {
        channelName: 'general',
        authorName: 'Bob',
        message: { body: 'Lunch at the café?', seq: 1 },
        segments: [
          { text: 'Lunch at the ', match: false },
          { text: 'café', match: true },
          { text: '?', match: false },
        ],
      },
    ]);
  });

  it('rotates the cache key; the next start opens the cache with the new key', async () => {
    const ann = await annWithHistory(['kept through rotation']);
    const before = [...world.keychain.entries.values()];

    expect(await ann.core.handlers.rotateCacheKey({})).toEqual({ ok: true, value: null });
    expect([...world.keychain.entries.values()]).not.toEqual(before);
    await world.stopServer();
    await world.dispose(ann);
    const again = await world.core(world.annDir);
    const page = await again.core.handlers.loadMessages({ channelId: world.channelId });

    expect(page.ok && page.value.messages.map((m) => m.body)).toEqual(['kept through rotation']);
    expect(world.audit.map((a) => a.event)).toContain('cache.key_rotated');
    expect(world.audit.map((a) => a.event)).not.toContain('cache.quarantined');
  });
});
