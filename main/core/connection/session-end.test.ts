import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { BridgeEvent } from '../../../common/bridge';
import { FakeServer } from '../testing/fake-server';
import { ANN, sleep, startCore, waitFor, type CoreHarness } from '../testing/harness';
import { createTestCa, type TestCa } from '../testing/tls-fixture';
import type { SessionEndCode } from './refusals';

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
  const result = await harness.core.handlers.login({ serverUrl: server.url, ...ANN });
  expect(result.ok).toBe(true);
  await waitFor(() => harness!.states().includes('online'));
  return harness;
}

const sessionEnded = (events: BridgeEvent[]) =>
  events.find((event) => event.type === 'session' && event.session === null);

const REASONS: [SessionEndCode, RegExp][] = [
  ['session_revoked', /^Your session was ended by an administrator\.$/],
  ['session_expired', /expired/],
  ['unauthorized', /no longer accepts this session/],
  ['protocol_mismatch', /cannot talk to this server/],
];

describe('the session ends when the server says so', () => {
  it.each(REASONS)('a reconnect refused with %s ends it for good', async (code, reason) => {
    const { core, events, states } = await signedIn();

    await server.stop();
    server.behaviour.refuseWith = code;
    await server.start();
    await waitFor(() => sessionEnded(events) !== undefined, 5_000, 'session end');
    const handshakes = server.received.handshakes;
    await sleep(400); // several backoff periods: no further attempts

    const ended = sessionEnded(events);
    expect(ended).toMatchObject({ type: 'session', session: null });
    expect(ended?.type === 'session' ? ended.reason : '').toMatch(reason);
    expect(states().at(-1)).toBe('offline');
    expect(server.received.handshakes).toBe(handshakes);
    expect(core.snapshot()).toMatchObject({ session: null, connection: 'offline' });
  });

  it('a session:revoked push ends it at once with the administrator\u2019s reason', async () => {
    const { core, events } = await signedIn();
    const handshakes = server.received.handshakes;

    server.emitAll('session:revoked', { reason: 'Device reported lost' });
    await waitFor(() => sessionEnded(events) !== undefined, 2_000, 'session end');
    await sleep(300);

    expect(sessionEnded(events)).toEqual({
      type: 'session',
      session: null,
      reason: 'Your session was ended by an administrator. Reason given: Device reported lost',
    });
    expect(server.received.handshakes).toBe(handshakes);
    expect(server.socketCount()).toBe(0);
    const send = await core.handlers.notifyTyping({ channelId: 'c-general' });
    expect(send.ok).toBe(true);
  });

  it('a rate-limited reconnect keeps trying, then comes back online', async () => {
    const { events, states } = await signedIn();

    await server.stop();
    server.behaviour.refuseWith = 'rate_limited';
    await server.start();
    await waitFor(() => server.received.handshakes >= 3, 5_000, 'refused attempts');
    server.behaviour.refuseWith = null;
    await waitFor(() => states().at(-1) === 'online', 5_000, 'back online');

    expect(sessionEnded(events)).toBeUndefined();
  });
});

describe('a refusal while signing in', () => {
  it('fails the login with the refusal code and plain words, and leaves no session', async () => {
    server = await new FakeServer(ca.issue()).start();
    server.behaviour.refuseWith = 'session_expired';
    harness = startCore([ca.certPem]);

    const result = await harness.core.handlers.login({ serverUrl: server.url, ...ANN });

    expect(result).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    expect(result.ok ? '' : result.error.message).toMatch(/expired/);
    expect(harness.core.snapshot()).toMatchObject({ session: null, connection: 'offline' });
    expect(harness.events.some((e) => e.type === 'session')).toBe(false);
    await waitFor(() => server.received.rest.at(-1)?.path === '/api/logout', 2_000, 'logout');
  });
});
