import { randomUUID } from 'node:crypto';

import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ClientEvents, PROTOCOL_VERSION, ServerEvents, type Message } from '../../common/protocol';
import type { AdminUser } from '../admin/commands';
import type { RunningServer } from '../index';
import {
  call,
  connect,
  login,
  makeTempDir,
  nextEvent,
  refusal,
  removeDir,
  startTestServer,
} from '../testing/harness';

type Ack<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

describe('socket.io over TLS', () => {
  let dir: string;
  let server: RunningServer;
  let alice: AdminUser;
  let bob: AdminUser;
  let generalId: string;
  const open: Socket[] = [];

  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startTestServer(dir);
    const { admin } = server;
    alice = await admin.createUser({
      username: 'alice',
      displayName: 'Alice',
      role: 'member',
      password: 'alice-password',
    });
    bob = await admin.createUser({
      username: 'bob',
      displayName: 'Bob',
      role: 'member',
      password: 'bob-password',
    });
    await admin.createUser({
      username: 'carol',
      displayName: 'Carol',
      role: 'member',
      password: 'carol-password',
    });
    generalId = admin.createChannel({ name: 'general', topic: 'Everyone' }).id;
    admin.createChannel({ name: 'secret', topic: 'Not for alice' });
    for (const user of [alice, bob]) admin.addMember({ channelId: generalId, userId: user.id });
  });

  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });

  afterAll(async () => {
    await server?.close();
    await removeDir(dir);
  });

  async function connectAs(username: string) {
    const token = await login(server, username, `${username}-password`);
    const connected = await connect(server, token);
    open.push(connected.socket);
    return connected;
  }

  const sendRequest = (body: string, clientId = randomUUID()) => ({
    channelId: generalId,
    clientId,
    body,
  });

  it('sends ready with the user, their channels, who shares them and who is online', async () => {
    const { ready } = await connectAs('alice');

    expect(ready.user.username).toBe('alice');
    expect(ready.channels.map((c) => c.name)).toEqual(['general']);
    expect(ready.users.map((u) => u.username).sort()).toEqual(['alice', 'bob']);
    expect(ready.online).toContain(alice.id);
  });

  it('acks a send with the stored message and broadcasts it to the other member', async () => {
    const a = await connectAs('alice');
    const b = await connectAs('bob');
    const arrived = nextEvent<Message>(b.socket, ServerEvents.messageNew);

    const ack = await call<Ack<Message>>(a.socket, ClientEvents.send, sendRequest('hi bob'));
    expect(ack.ok).toBe(true);
    const message = (ack as { value: Message }).value;
    expect(message).toMatchObject({ body: 'hi bob', authorId: alice.id, channelId: generalId });
    expect(await arrived).toEqual(message);
  });

  it('tells members when someone comes online and relays typing to the others', async () => {
    const a = await connectAs('alice');
    const online = nextEvent<{ userId: string; online: boolean }>(a.socket, ServerEvents.presence);
    const b = await connectAs('bob');
    expect(await online).toEqual({ userId: bob.id, online: true });

    const typing = nextEvent(a.socket, ServerEvents.typing);
    b.socket.emit(ClientEvents.typing, { channelId: generalId });
    expect(await typing).toEqual({ channelId: generalId, userId: bob.id });

    const offline = nextEvent<{ userId: string; online: boolean }>(a.socket, ServerEvents.presence);
    b.socket.close();
    expect(await offline).toEqual({ userId: bob.id, online: false });
  });

  it('stores a resent clientId once and acks the original', async () => {
    const a = await connectAs('alice');
    const request = sendRequest('once only');

    const first = await call<Ack<Message>>(a.socket, ClientEvents.send, request);
    const second = await call<Ack<Message>>(a.socket, ClientEvents.send, request);

    expect(second).toEqual(first);
  });

  it('lets only the author edit or delete, and broadcasts both', async () => {
    const a = await connectAs('alice');
    const b = await connectAs('bob');
    const sent = await call<Ack<Message>>(a.socket, ClientEvents.send, sendRequest('grene'));
    const id = (sent as { value: Message }).value.id;

    const bobEdit = await call<Ack<Message>>(b.socket, ClientEvents.edit, {
      messageId: id,
      body: 'x',
    });
    const bobDelete = await call<Ack<Message>>(b.socket, ClientEvents.delete, { messageId: id });
    expect(bobEdit).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(bobDelete).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const edited = nextEvent<Message>(b.socket, ServerEvents.messageEdited);
    await call(a.socket, ClientEvents.edit, { messageId: id, body: 'green' });
    expect(await edited).toMatchObject({ id, body: 'green' });

    const deleted = nextEvent<Message>(b.socket, ServerEvents.messageDeleted);
    await call(a.socket, ClientEvents.delete, { messageId: id });
    expect(await deleted).toMatchObject({ id, body: '', deleted: true });
  });

  it('refuses sends to a channel the user is not in', async () => {
    const a = await connectAs('alice');
    const secret = server.admin.findChannel('secret');

    const ack = await call(a.socket, ClientEvents.send, {
      ...sendRequest('x'),
      channelId: secret.id,
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers malformed and oversized payloads with error acks and stays up', async () => {
    const a = await connectAs('alice');
    const before = await call<Ack<{ messages: Message[] }>>(a.socket, ClientEvents.history, {
      channelId: generalId,
      limit: 200,
    });

    const answers = await Promise.all([
      call(a.socket, ClientEvents.send, { channelId: generalId, body: 'no client id' }),
      call(a.socket, ClientEvents.send, 'just a string'),
      call(a.socket, ClientEvents.send, null),
      call(a.socket, ClientEvents.send, sendRequest('x'.repeat(8_001))),
      call(a.socket, ClientEvents.history, { channelId: '../../etc', limit: 10 }),
      call(a.socket, ClientEvents.sync, { cursors: { general: -1 } }),
      call(a.socket, 'no:such:event', {}),
    ]);
    expect(answers.map((answer) => (answer as { error: { code: string } }).error.code)).toEqual([
      'invalid_input',
      'invalid_input',
      'invalid_input',
      'too_large',
      'invalid_input',
      'invalid_input',
      'invalid_input',
    ]);

    // A send without an ack callback is never stored.
    a.socket.emit(ClientEvents.send, sendRequest('fire and forget'));
    const after = await call<Ack<{ messages: Message[] }>>(a.socket, ClientEvents.history, {
      channelId: generalId,
      limit: 200,
    });
    expect(after).toEqual(before);
  });

  it('drops a socket that sends a frame over the payload limit, and keeps serving others', async () => {
    const a = await connectAs('alice');
    const dropped = nextEvent<string>(a.socket, 'disconnect');
    a.socket.emit(ClientEvents.send, sendRequest('x'.repeat(70_000)), () => undefined);

    expect(await dropped).toBe('transport close');
    const b = await connectAs('bob');
    const ack = await call(b.socket, ClientEvents.history, { channelId: generalId, limit: 1 });
    expect(ack).toMatchObject({ ok: true });
  });

  it('syncs new, edited and deleted messages since a cursor', async () => {
    const a = await connectAs('alice');
    const cursor = server.admin.findChannel('general').lastRev;
    const sent = await call<Ack<Message>>(a.socket, ClientEvents.send, sendRequest('later'));
    const id = (sent as { value: Message }).value.id;
    await call(a.socket, ClientEvents.edit, { messageId: id, body: 'later, edited' });

    const ack = await call<Ack<{ changes: Message[]; hasMore: boolean }>>(
      a.socket,
      ClientEvents.sync,
      { cursors: { [generalId]: cursor } },
    );
    expect(ack).toMatchObject({ ok: true, value: { hasMore: false } });
    expect((ack as { value: { changes: Message[] } }).value.changes).toEqual([
      expect.objectContaining({ id, body: 'later, edited', rev: cursor + 2 }),
    ]);
  });

  it('refuses a handshake with an unknown token as unauthorized', async () => {
    const error = await refusal(server, {
      token: 'x'.repeat(43),
      protocolVersion: PROTOCOL_VERSION,
    });

    expect(error.message).toBe('unauthorized');
    expect(error.data).toMatchObject({ code: 'unauthorized', message: expect.any(String) });
  });

  it('refuses an unsupported protocol version as protocol_mismatch', async () => {
    const token = await login(server, 'alice', 'alice-password');
    const error = await refusal(server, { token, protocolVersion: PROTOCOL_VERSION + 1 });

    expect(error.message).toBe('protocol_mismatch');
    expect(error.data).toMatchObject({
      code: 'protocol_mismatch',
      message: expect.stringContaining('protocol'),
    });
  });

  it('tells a live socket its session was revoked, then disconnects it', async () => {
    const { socket } = await connectAs('carol');
    const revoked = nextEvent<{ reason: string }>(socket, ServerEvents.sessionRevoked, 2500);
    const disconnected = nextEvent<string>(socket, 'disconnect', 3000);

    expect(server.admin.revokeUser('carol', 'left the company')).toBe(1);

    expect((await revoked).reason).toContain('left the company');
    expect(await disconnected).toBe('io server disconnect');
  });

  it('refuses a revoked token at the handshake with the reason', async () => {
    const token = await login(server, 'carol', 'carol-password');
    server.admin.revokeUser('carol', 'device lost');

    const error = await refusal(server, { token, protocolVersion: PROTOCOL_VERSION });
    expect(error.message).toBe('session_revoked');
    expect(error.data).toMatchObject({ message: expect.stringContaining('device lost') });
  });

  it('rate-limits a flood of sends', async () => {
    const b = await connectAs('bob');
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call<Ack<Message>>(b.socket, ClientEvents.send, sendRequest(`flood ${i}`)),
      ),
    );

    expect(answers.some((answer) => !answer.ok && answer.error.code === 'rate_limited')).toBe(true);
    expect(answers.filter((answer) => answer.ok).length).toBeGreaterThanOrEqual(30);
  });
});
