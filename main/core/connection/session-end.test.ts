import { describe, expect, it } from 'vitest';

import type { BridgeEvent } from '../../../common/bridge';
import { ANN, sleep, waitFor } from '../testing/harness';
import { useSignedInCore } from '../testing/signed-in';
import type { SessionEndCode } from './refusals';

const live = useSignedInCore();
const signedIn = () => live.signedIn();

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

    await live.server.stop();
    live.server.behaviour.refuseWith = code;
    await live.server.start();
    await waitFor(() => sessionEnded(events) !== undefined, 5_000, 'session end');
    const handshakes = live.server.received.handshakes;
    await sleep(400); // several backoff periods: no further attempts

    const ended = sessionEnded(events);
    expect(ended).toMatchObject({ type: 'session', session: null });
    expect(ended?.type === 'session' ? ended.reason : '').toMatch(reason);
    expect(states().at(-1)).toBe('offline');
    expect(live.server.received.handshakes).toBe(handshakes);
    expect(core.snapshot()).toMatchObject({ session: null, connection: 'offline' });
  });

  it('a session:revoked push ends it at once with the administrator\u2019s reason', async () => {
    const { core, events } = await signedIn();
    const handshakes = live.server.received.handshakes;

    live.server.emitAll('session:revoked', { reason: 'Device reported lost' });
    await waitFor(() => sessionEnded(events) !== undefined, 2_000, 'session end');
    await sleep(300);

    expect(sessionEnded(events)).toEqual({
      type: 'session',
      session: null,
      reason: 'Your session was ended by an administrator. Reason given: Device reported lost',
    });
    expect(live.server.received.handshakes).toBe(handshakes);
    expect(live.server.socketCount()).toBe(0);
    const send = await core.handlers.notifyTyping({ channelId: 'c-general' });
    expect(send.ok).toBe(true);
  });

  it('a rate-limited reconnect keeps trying, then comes back online', async () => {
    const { events, states } = await signedIn();

    await live.server.stop();
    live.server.behaviour.refuseWith = 'rate_limited';
    await live.server.start();
    await waitFor(() => live.server.received.handshakes >= 3, 5_000, 'refused attempts');
    live.server.behaviour.refuseWith = null;
    await waitFor(() => states().at(-1) === 'online', 5_000, 'back online');

    expect(sessionEnded(events)).toBeUndefined();
  });
});

describe('a refusal while signing in', () => {
  it('fails the login with the refusal code and plain words, and leaves no session', async () => {
    const server = await live.serve();
    server.behaviour.refuseWith = 'session_expired';
    const harness = live.core();

    const result = await harness.core.handlers.login({ serverUrl: server.url, ...ANN });

    expect(result).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    expect(result.ok ? '' : result.error.message).toMatch(/expired/);
    expect(harness.core.snapshot()).toMatchObject({ session: null, connection: 'offline' });
    expect(harness.events.some((e) => e.type === 'session')).toBe(false);
    await waitFor(() => server.received.rest.at(-1)?.path === '/api/logout', 2_000, 'logout');
  });
});
