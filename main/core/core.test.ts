import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_POLICY, type EffectivePolicy } from '../../common/policy';
import { FakeServer } from './testing/fake-server';
import { ANN, startCore, waitFor, type CoreHarness } from './testing/harness';
import { createTestCa, type TestCa } from './testing/tls-fixture';

let ca: TestCa;
let server: FakeServer;
let harness: CoreHarness | null = null;

beforeAll(() => {
  ca = createTestCa();
});

async function setup(overrides: Parameters<typeof startCore>[1] = {}) {
  server = await new FakeServer(ca.issue()).start();
  harness = startCore([ca.certPem], overrides);
  return harness;
}

afterEach(async () => {
  await harness?.core.dispose();
  harness = null;
  await server?.stop();
});

describe('createParleyCore', () => {
  it('logs in: session, ready and online events, a truthful snapshot', async () => {
    const { core, events, states } = await setup({ defaultServerUrl: 'https://chat.example' });

    const result = await core.handlers.login({ serverUrl: server.url, ...ANN });

    expect(result).toEqual({
      ok: true,
      value: { serverUrl: server.url, user: { id: 'u-ann', username: 'ann', displayName: 'Ann' } },
    });
    await waitFor(() => states().includes('online'), 2_000, 'online');
    expect(states()).toEqual(['connecting', 'online']);
    expect(events.map((e) => e.type)).toEqual(['connection', 'session', 'ready', 'connection', 'outbox']); // prettier-ignore
    const snapshot = core.snapshot();
    expect(snapshot.session?.user.id).toBe('u-ann');
    expect(snapshot.connection).toBe('online');
    expect(snapshot.channels.map((c) => c.id)).toEqual(['c-general']);
    expect(snapshot.online).toEqual(['u-ann']);
    expect(snapshot.defaultServerUrl).toBe('https://chat.example');
  });

  it('sends, edits, deletes and pages messages, keeping channel revs current', async () => {
    const { core, events } = await setup();
    await core.handlers.login({ serverUrl: server.url, ...ANN });
    const clientId = randomUUID();

    const sent = await core.dispatch('sendMessage', { channelId: 'c-general', clientId, body: 'hi' }); // prettier-ignore
    expect(sent).toMatchObject({ ok: true, value: { clientId, state: 'sent', message: { clientId, rev: 1 } } }); // prettier-ignore
    const id = sent.ok ? (sent.value as { message: { id: string } }).message.id : '';
    const edited = await core.handlers.editMessage({ messageId: id, body: 'hello' });
    const deleted = await core.handlers.deleteMessage({ messageId: id });
    const page = await core.handlers.loadMessages({ channelId: 'c-general' });

    expect(edited).toMatchObject({ ok: true, value: { rev: 2, body: 'hello' } });
    expect(deleted).toMatchObject({ ok: true, value: { rev: 3, body: '', deleted: true } });
    expect(page).toMatchObject({ ok: true, value: { hasMore: false, messages: [{ id }] } });
    await waitFor(() => events.some((e) => e.type === 'message' && e.message.rev === 3));
    expect(core.snapshot().channels[0]?.lastRev).toBe(3);
  }, 10_000);

  it('refuses wrong credentials with bad_credentials and opens no socket', async () => {
    const { core } = await setup();

    const result = await core.handlers.login({ serverUrl: server.url, username: 'ann', password: 'nope', remember: false }); // prettier-ignore

    expect(result).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    expect(server.received.handshakes).toBe(0);
    expect(core.snapshot().session).toBeNull();
  });

  it('stops at server info when the protocol versions cannot agree', async () => {
    const { core } = await setup();
    server.behaviour.protocolVersion = 3;
    server.behaviour.minProtocolVersion = 2;

    const result = await core.handlers.login({ serverUrl: server.url, ...ANN });

    expect(result).toMatchObject({ ok: false, error: { code: 'protocol_mismatch' } });
    expect(result.ok ? '' : result.error.message).toMatch(/newer version of Parley/);
    expect(server.received.rest.map((r) => r.path)).toEqual(['/api/info']);
  });

  it('answers not_connected when there is no session', async () => {
    const { core } = await setup();

    const result = await core.handlers.sendMessage({
      channelId: 'c-general',
      clientId: randomUUID(),
      body: 'hi',
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'not_connected' } });
  });

  it('keeps a send whose acknowledgement never comes in the outbox, pending', async () => {
    const { core, events } = await setup({ ackTimeoutMs: 200 });
    await core.handlers.login({ serverUrl: server.url, ...ANN });
    server.behaviour.silent = true;

    const started = Date.now();
    const clientId = randomUUID();
    const result = await core.handlers.sendMessage({
      channelId: 'c-general',
      clientId,
      body: 'hi',
    });

    expect(result).toEqual({ ok: true, value: { clientId, state: 'queued' } });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(core.snapshot().outbox).toMatchObject([{ clientId, state: 'pending', body: 'hi' }]);
    await waitFor(() => events.some((e) => e.type === 'outbox' && e.entries.length === 1));
  });

  it('answers edits with a timeout error when the acknowledgement never comes', async () => {
    const { core } = await setup({ ackTimeoutMs: 200 });
    await core.handlers.login({ serverUrl: server.url, ...ANN });
    server.behaviour.silent = true;

    const result = await core.handlers.editMessage({ messageId: 'm1', body: 'x' });

    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('logs out: tells the server, disconnects, clears state, session null without reason', async () => {
    const { core, events, states } = await setup();
    await core.handlers.login({ serverUrl: server.url, ...ANN });

    const result = await core.handlers.logout({});

    expect(result).toEqual({ ok: true, value: null });
    expect(server.received.rest.at(-1)).toEqual({ method: 'POST', path: '/api/logout', hasAuthorization: true }); // prettier-ignore
    await waitFor(() => events.some((e) => e.type === 'session' && e.session === null));
    expect(events.find((e) => e.type === 'session' && e.session === null)).toEqual({ type: 'session', session: null, reason: null }); // prettier-ignore
    expect(states().at(-1)).toBe('offline');
    expect(core.snapshot()).toMatchObject({ session: null, connection: 'offline', channels: [] });
    await waitFor(() => server.socketCount() === 0, 2_000, 'socket closed');
    expect(server.tokens.size).toBe(0);
  });

  it('never writes the password, the token or a message body to the log', async () => {
    const { core, logs } = await setup();
    await core.handlers.login({ serverUrl: server.url, ...ANN });
    await core.handlers.sendMessage({ channelId: 'c-general', clientId: randomUUID(), body: 'very private words' }); // prettier-ignore
    const [token] = [...server.tokens.keys()];
    await core.handlers.logout({});

    const output = logs.join('\n');
    expect(logs.length).toBeGreaterThan(3);
    expect(output).not.toContain(ANN.password);
    expect(output).not.toContain(token);
    expect(output).not.toContain('very private words');
  });

  it('refuses a second login while signed in', async () => {
    const { core } = await setup();
    await core.handlers.login({ serverUrl: server.url, ...ANN });

    const again = await core.handlers.login({ serverUrl: server.url, ...ANN });

    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.snapshot().session?.user.id).toBe('u-ann');
  });
});

describe('signing out while signing in', () => {
  it('abandons the sign-in and leaves no session on either side', async () => {
    const { core } = await setup();

    const login = core.handlers.login({ serverUrl: server.url, ...ANN });
    await core.handlers.logout({});
    const result = await login;

    expect(result).toMatchObject({ ok: false, error: { code: 'not_connected' } });
    expect(core.snapshot().session).toBeNull();
    expect(server.received.handshakes).toBe(0);
    expect(server.tokens.size).toBe(0);
  });
});

describe('policy in the core', () => {
  /** The pin of a key no server here uses. */
  function strangerPin(): string {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
  }

  it('rebuilds its transport when policy changes: new pins apply to the next sign-in', async () => {
    let policy: EffectivePolicy = structuredClone(DEFAULT_POLICY);
    const { core } = await setup({
      policy: { current: () => policy, applyServerPolicy: () => policy },
    });
    const first = await core.handlers.login({ serverUrl: server.url, ...ANN });
    await core.handlers.logout({});
    const before = server.received.rest.length;

    policy = { ...policy, certificatePins: { [server.url]: [strangerPin()] } };
    const second = await core.handlers.login({ serverUrl: server.url, ...ANN });

    expect(first.ok).toBe(true);
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'certificate_refused', certificate: { reason: 'pin_mismatch' } },
    });
    expect(server.received.rest.length).toBe(before);
  });

  it('reports the policy state, update status and notification modes in the snapshot', async () => {
    const policy = { ...structuredClone(DEFAULT_POLICY), allowEditDelete: false };
    const { core } = await setup({
      policy: { current: () => policy, applyServerPolicy: () => policy },
      updates: {
        status: () => ({ state: 'ready', version: '2.0.0', message: null }),
        install: async () => ({ ok: true, value: null }),
      },
    });
    await core.handlers.setChannelNotifications({ channelId: 'c-general', mode: 'mentions' });

    const snapshot = await core.handlers.getSnapshot({});

    expect(snapshot).toMatchObject({
      ok: true,
      value: {
        policy: { allowEditDelete: false },
        update: { state: 'ready', version: '2.0.0' },
        notificationModes: { 'c-general': 'mentions' },
      },
    });
    expect(await core.handlers.installUpdate({})).toEqual({ ok: true, value: null });
  });
});
