import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { BridgeEvent, SendReceipt } from '../../common/bridge';
import type { Result } from '../../common/result';
import type { Message } from '../../common/protocol';
import { startCore, waitFor, type CoreHarness } from '../../main/core/testing/harness';
import { startServer, type RunningServer } from '../../server/index';

/** The real client core against the real reference server, over real TLS on 127.0.0.1. */
let dataDir: string;
let server: RunningServer | null = null;
const cores: CoreHarness[] = [];
let channelId = '';

const ANN = { username: 'ann', password: 'ann-password-1', remember: false };
const BOB = { username: 'bob', password: 'bob-password-1', remember: false };

async function boot(port = 0): Promise<RunningServer> {
  server = await startServer({
    dataDir,
    host: '127.0.0.1',
    port,
    quiet: true,
    sessionCheckIntervalMs: 100,
  });
  return server;
}

function core(overrides: Parameters<typeof startCore>[1] = {}): CoreHarness {
  const harness = startCore([server!.caCertPem], overrides);
  cores.push(harness);
  return harness;
}

const idOf = (sent: Result<SendReceipt>) =>
  sent.ok && sent.value.state === 'sent' ? sent.value.message.id : '';

const messages = (events: BridgeEvent[]): Message[] =>
  events.flatMap((event) => (event.type === 'message' ? [event.message] : []));

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'parley-it-'));
  const { admin } = await boot();
  const ann = await admin.createUser({
    username: ANN.username,
    password: ANN.password,
    displayName: 'Ann',
    role: 'member',
  });
  const bob = await admin.createUser({
    username: BOB.username,
    password: BOB.password,
    displayName: 'Bob',
    role: 'member',
  });
  channelId = admin.createChannel({ name: 'general' }).id;
  admin.addMember({ channelId, userId: ann.id });
  admin.addMember({ channelId, userId: bob.id });
});

afterEach(async () => {
  await Promise.all(cores.splice(0).map((h) => h.core.dispose()));
  await server?.close();
  server = null;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('core against the reference server', () => {
  it('logs in, sends, edits, deletes and pages messages', async () => {
    const { core: ann, events } = core();

    const login = await ann.handlers.login({ serverUrl: server!.url, ...ANN });
    expect(login).toMatchObject({ ok: true, value: { user: { username: 'ann' } } });
    expect(ann.snapshot().channels.map((c) => c.id)).toEqual([channelId]);

    const clientId = randomUUID();
    const sent = await ann.handlers.sendMessage({ channelId, clientId, body: 'hello' });
    expect(sent).toMatchObject({
      ok: true,
      value: { state: 'sent', message: { clientId, body: 'hello' } },
    });
    const id = sent.ok && sent.value.state === 'sent' ? sent.value.message.id : '';
    expect(await ann.handlers.editMessage({ messageId: id, body: 'hello!' })).toMatchObject({
      ok: true,
      value: { body: 'hello!' },
    });
    expect(await ann.handlers.deleteMessage({ messageId: id })).toMatchObject({
      ok: true,
      value: { deleted: true },
    });
    const page = await ann.handlers.loadMessages({ channelId });
    expect(page).toMatchObject({ ok: true, value: { messages: [{ id, deleted: true }] } });
    await waitFor(
      () => messages(events).some((m) => m.id === id && m.deleted),
      3_000,
      'live echoes',
    );
  });

  it('refuses a wrong password with bad_credentials', async () => {
    const { core: ann } = core();

    const result = await ann.handlers.login({
      serverUrl: server!.url,
      username: 'ann',
      password: 'wrong-password',
      remember: false,
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
  });

  it('obeys an administrator revoking the session', async () => {
    const { core: ann, events, states } = core();
    await ann.handlers.login({ serverUrl: server!.url, ...ANN });

    server!.admin.revokeUser('ann', 'lost laptop');
    await waitFor(
      () => events.some((e) => e.type === 'session' && e.session === null),
      5_000,
      'revocation',
    );

    const ended = events.find((e) => e.type === 'session' && e.session === null);
    expect(ended?.type === 'session' ? ended.reason : '').toMatch(/ended by an administrator/);
    expect(states().at(-1)).toBe('offline');
    expect(ann.snapshot().session).toBeNull();
  });

  it('catches up after the server restarts: new, edited and deleted messages', async () => {
    // Ann retries slowly and predictably so that Bob can change things while she is away.
    const annHarness = core({ reconnect: { initialDelayMs: 2_500, maxDelayMs: 5_000, jitter: 0 } });
    const bobHarness = core();
    const [ann, bob] = [annHarness.core, bobHarness.core];
    await ann.handlers.login({ serverUrl: server!.url, ...ANN });
    await bob.handlers.login({ serverUrl: server!.url, ...BOB });
    const send = (body: string) =>
      bob.handlers.sendMessage({ channelId, clientId: randomUUID(), body });
    const [one, two] = [await send('one'), await send('two')];
    await waitFor(() => messages(annHarness.events).length === 2, 3_000, 'live messages');

    const port = server!.port;
    await server!.close();
    await waitFor(() => annHarness.states().at(-1) === 'reconnecting', 3_000, 'reconnecting');
    await boot(port);
    await waitFor(() => bobHarness.states().at(-1) === 'online', 5_000, 'bob back online');
    await bob.handlers.editMessage({ messageId: idOf(one), body: 'one, edited' });
    await bob.handlers.deleteMessage({ messageId: idOf(two) });
    await send('three');
    expect(annHarness.states().at(-1)).toBe('reconnecting');

    await waitFor(() => annHarness.states().at(-1) === 'online', 10_000, 'ann back online');
    await waitFor(() => messages(annHarness.events).length === 5, 3_000, 'missed changes');
    const missed = messages(annHarness.events).slice(2);
    expect(missed.map((m) => [m.body, m.deleted])).toEqual([
      ['one, edited', false],
      ['', true],
      ['three', false],
    ]);
  }, 20_000);
});
