import { describe, expect, it } from 'vitest';

import type { Message } from '../../../common/protocol';
import { waitFor, type CoreHarness } from '../testing/harness';
import { useSignedInCore } from '../testing/signed-in';

const live = useSignedInCore();
const signedIn = () => live.signedIn();

function messages(h: CoreHarness): Message[] {
  return h.events.flatMap((event) => (event.type === 'message' ? [event.message] : []));
}

describe('reconnection', () => {
  it('goes connecting → online → reconnecting → online when the server goes and returns, then offline after logout', async () => {
    const h = await signedIn();

    await live.server.stop();
    await waitFor(() => h.states().at(-1) === 'reconnecting', 3_000, 'reconnecting');
    expect(h.core.snapshot().connection).toBe('reconnecting');
    await live.server.start();
    await waitFor(() => h.states().at(-1) === 'online', 5_000, 'online again');
    await h.core.handlers.logout({});

    expect(h.states()).toEqual(['connecting', 'online', 'reconnecting', 'online', 'offline']);
  });

  it('after a reconnect asks with its cursors and delivers what it missed: new, edited, deleted', async () => {
    const h = await signedIn();
    const first = live.server.chat.post('c-general', 'u-bob', 'one');
    const second = live.server.chat.post('c-general', 'u-bob', 'two');
    live.server.emitAll('message:new', first);
    live.server.emitAll('message:new', second);
    await waitFor(() => messages(h).length === 2, 2_000, 'live messages');

    await live.server.stop();
    const edited = live.server.chat.edit(first.id, 'one, edited');
    const deleted = live.server.chat.remove(second.id);
    const added = live.server.chat.post('c-general', 'u-bob', 'three');
    live.server.behaviour.syncPageSize = 2; // forces a second sync page
    await live.server.start();
    await waitFor(() => messages(h).length === 5, 5_000, 'missed messages');

    expect(live.server.received.syncRequests).toEqual([{ 'c-general': 2 }, { 'c-general': 4 }]);
    const missed = messages(h).slice(2);
    expect(missed.map((m) => [m.id, m.rev])).toEqual([
      [edited?.id, 3],
      [deleted?.id, 4],
      [added.id, 5],
    ]);
    expect(missed[0]?.body).toBe('one, edited');
    expect(missed[1]?.deleted).toBe(true);
    expect(h.core.snapshot().channels[0]?.lastRev).toBe(5);
  });

  it('does not ask for a sync when nothing changed while away', async () => {
    const h = await signedIn();

    await live.server.stop();
    await live.server.start();
    await waitFor(() => h.states().at(-1) === 'online', 5_000, 'online again');

    expect(live.server.received.syncRequests).toEqual([]);
  });

  it('drops malformed server events, logging only their name, and keeps going', async () => {
    const h = await signedIn();
    const good = live.server.chat.post('c-general', 'u-bob', 'fine');

    live.server.emitAll('message:new', { id: 'x', body: 'secret-ish body' });
    live.server.emitAll('presence', { userId: 42 });
    live.server.emitAll('typing', 'nonsense');
    live.server.emitAll('channel:joined', null);
    live.server.emitAll('message:new', good);
    live.server.emitAll('presence', { userId: 'u-bob', online: true });
    await waitFor(() => h.events.some((e) => e.type === 'presence'), 2_000, 'presence');

    expect(messages(h).map((m) => m.id)).toEqual([good.id]);
    expect(h.core.snapshot().online).toEqual(['u-ann', 'u-bob']);
    const malformed = h.logs.filter((line) => line.includes('connection.event_malformed'));
    expect(malformed).toHaveLength(4);
    expect(h.logs.join('\n')).not.toContain('secret-ish');
    expect(h.core.snapshot().connection).toBe('online');
  });
});
