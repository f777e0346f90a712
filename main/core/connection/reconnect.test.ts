import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Message } from '../../../common/protocol';
import { FakeServer } from '../testing/fake-server';
import { ANN, startCore, waitFor, type CoreHarness } from '../testing/harness';
import { createTestCa, type TestCa } from '../testing/tls-fixture';

let ca: TestCa;
let server: FakeServer;
let harness: CoreHarness | null = null;

beforeAll(() => {
  ca = createTestCa();
});

afterEach(async () => {
  await harness?.core.dispose();
  harness = null;
  await server?.stop();
});

async function signedIn(): Promise<CoreHarness> {
  server = await new FakeServer(ca.issue()).start();
  harness = startCore([ca.certPem]);
  await harness.core.handlers.login({ serverUrl: server.url, ...ANN });
  await waitFor(() => harness!.states().includes('online'));
  return harness;
}

function messages(h: CoreHarness): Message[] {
  return h.events.flatMap((event) => (event.type === 'message' ? [event.message] : []));
}

describe('reconnection', () => {
  it('goes connecting → online → reconnecting → online when the server goes and returns, then offline after logout', async () => {
    const h = await signedIn();

    await server.stop();
    await waitFor(() => h.states().at(-1) === 'reconnecting', 3_000, 'reconnecting');
    expect(h.core.snapshot().connection).toBe('reconnecting');
    await server.start();
    await waitFor(() => h.states().at(-1) === 'online', 5_000, 'online again');
    await h.core.handlers.logout({});

    expect(h.states()).toEqual(['connecting', 'online', 'reconnecting', 'online', 'offline']);
  });

  it('after a reconnect asks with its cursors and delivers what it missed: new, edited, deleted', async () => {
    const h = await signedIn();
    const first = server.chat.post('c-general', 'u-bob', 'one');
    const second = server.chat.post('c-general', 'u-bob', 'two');
    server.emitAll('message:new', first);
    server.emitAll('message:new', second);
    await waitFor(() => messages(h).length === 2, 2_000, 'live messages');

    await server.stop();
    const edited = server.chat.edit(first.id, 'one, edited');
    const deleted = server.chat.remove(second.id);
    const added = server.chat.post('c-general', 'u-bob', 'three');
    server.behaviour.syncPageSize = 2; // forces a second sync page
    await server.start();
    await waitFor(() => messages(h).length === 5, 5_000, 'missed messages');

    expect(server.received.syncRequests).toEqual([{ 'c-general': 2 }, { 'c-general': 4 }]);
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

    await server.stop();
    await server.start();
    await waitFor(() => h.states().at(-1) === 'online', 5_000, 'online again');

    expect(server.received.syncRequests).toEqual([]);
  });

  it('drops malformed server events, logging only their name, and keeps going', async () => {
    const h = await signedIn();
    const good = server.chat.post('c-general', 'u-bob', 'fine');

    server.emitAll('message:new', { id: 'x', body: 'secret-ish body' });
    server.emitAll('presence', { userId: 42 });
    server.emitAll('typing', 'nonsense');
    server.emitAll('channel:joined', null);
    server.emitAll('message:new', good);
    server.emitAll('presence', { userId: 'u-bob', online: true });
    await waitFor(() => h.events.some((e) => e.type === 'presence'), 2_000, 'presence');

    expect(messages(h).map((m) => m.id)).toEqual([good.id]);
    expect(h.core.snapshot().online).toEqual(['u-ann', 'u-bob']);
    const malformed = h.logs.filter((line) => line.includes('connection.event_malformed'));
    expect(malformed).toHaveLength(4);
    expect(h.logs.join('\n')).not.toContain('secret-ish');
    expect(h.core.snapshot().connection).toBe('online');
  });
});
