import { randomUUID } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { sleep, waitFor } from '../../main/core/testing/harness';
import { ANN, BOB, messagesOf, OfflineWorld, serverCopies, signIn } from './support';

/** The outbox of the real core against the real server: durable, exactly once, per account. */
let world: OfflineWorld;

beforeEach(async () => {
  world = new OfflineWorld();
  await world.seed();
});

afterEach(() => world.close());

describe('outbox', () => {
  it('keeps a message written offline across a restart and delivers it exactly once', async () => {
    const ann = await world.core(world.annDir);
    await signIn(ann, world.url, ANN);
    await world.stopServer();
    await waitFor(() => ann.core.snapshot().connection !== 'online', 3_000, 'offline');
    const clientId = randomUUID();

    const queued = await ann.core.handlers.sendMessage({
      channelId: world.channelId,
      clientId,
      body: 'written offline',
    });

    expect(queued).toEqual({ ok: true, value: { clientId, state: 'queued' } });
    expect(ann.core.snapshot().outbox).toMatchObject([{ clientId, state: 'pending' }]);
    await world.dispose(ann);
    await world.start();
    const again = await world.core(world.annDir);
    expect(again.core.snapshot().outbox).toMatchObject([{ clientId, state: 'pending' }]);
    await waitFor(() => again.core.snapshot().outbox.length === 0, 5_000, 'outbox flushed');
    const bob = await world.core(world.bobDir);
    await signIn(bob, world.url, BOB, false);
    expect(await serverCopies(bob, world.channelId, clientId)).toBe(1);
  });

  it('resends after a lost acknowledgement and the server still stores it once', async () => {
    const bob = await world.core(world.bobDir);
    await signIn(bob, world.url, BOB, false);
    const ann = await world.core(world.annDir, { ackTimeoutMs: 1 });
    await signIn(ann, world.url, ANN);
    const clientId = randomUUID();

    const first = await ann.core.handlers.sendMessage({
      channelId: world.channelId,
      clientId,
      body: 'ack lost',
    });
    await waitFor(
      () => messagesOf(bob.events).some((m) => m.clientId === clientId),
      3_000,
      'stored',
    );
    await world.dispose(ann); // the app dies before it hears the acknowledgement

    expect(first).toEqual({ ok: true, value: { clientId, state: 'queued' } });
    const again = await world.core(world.annDir);
    await waitFor(() => again.core.snapshot().outbox.length === 0, 5_000, 'outbox flushed');
    expect(await serverCopies(bob, world.channelId, clientId)).toBe(1);
  });

  it('marks a refused message failed with the plain reason; retry sends it, discard drops it', async () => {
    const { admin } = world.server!;
    const secret = admin.createChannel({ name: 'secret' }).id;
    const ann = await world.core(world.annDir);
    const { user } = await signIn(ann, world.url, ANN);
    const [one, two] = [randomUUID(), randomUUID()];
    const send = (clientId: string) =>
      ann.core.handlers.sendMessage({ channelId: secret, clientId, body: 'hush' });

    expect(await send(one)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await send(two);
    expect(ann.core.snapshot().outbox).toMatchObject([
      { clientId: one, state: 'failed', error: 'You are not a member of that channel.' },
      { clientId: two, state: 'failed' },
    ]);
    admin.addMember({ channelId: secret, userId: user.id });
    await waitFor(() => ann.core.snapshot().channels.some((c) => c.id === secret), 3_000, 'joined');
    expect(await ann.core.handlers.retrySend({ clientId: one })).toEqual({ ok: true, value: null });
    expect(await ann.core.handlers.discardUnsent({ clientId: two })).toEqual({
      ok: true,
      value: null,
    });

    await waitFor(() => ann.core.snapshot().outbox.length === 0, 3_000, 'retried and discarded');
    const page = await ann.core.handlers.loadMessages({ channelId: secret });
    expect(page.ok && page.value.messages.map((m) => m.clientId)).toEqual([one]);
  });

  it('never sends what one user wrote after another user signs in on the same computer', async () => {
    const app = await world.core(world.annDir);
    await signIn(app, world.url, ANN);
    await world.stopServer();
    const clientId = randomUUID();
    await app.core.handlers.sendMessage({
      channelId: world.channelId,
      clientId,
      body: "ann's words",
    });
    await app.core.handlers.logout({});
    await world.start();

    await signIn(app, world.url, BOB, false);
    expect(app.core.snapshot().outbox).toEqual([]);
    await sleep(300);
    expect(await serverCopies(app, world.channelId, clientId)).toBe(0);
    await app.core.handlers.logout({});

    // Issue 4: a different user's log in drops what the previous user left unsent, with a notice.
    await waitFor(
      () => app.events.some((e) => e.type === 'notice' && /from ann was discarded/.test(e.text)),
      1_000,
      'discard notice',
    );
    await signIn(app, world.url, ANN);
    expect(app.core.snapshot().outbox).toEqual([]);
    await sleep(300);
    expect(await serverCopies(app, world.channelId, clientId)).toBe(0);
  });
});
