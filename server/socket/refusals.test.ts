import { randomUUID } from 'node:crypto';

import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ClientEvents, type Message } from '../../common/protocol';
import type { RunningServer } from '../index';
import {
  call,
  connect,
  login,
  makeTempDir,
  refusal,
  removeDir,
  startTestServer,
} from '../testing/harness';

type Ack<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

const errorOf = (ack: unknown) => (ack as { error: { code: string; message: string } }).error;

describe('socket refusals that must not reveal or echo anything', () => {
  let dir: string;
  let server: RunningServer;
  let generalId: string;
  const open: Socket[] = [];

  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startTestServer(dir);
    const { admin } = server;
    for (const username of ['alice', 'bob', 'carol']) {
      const user = await admin.createUser({
        username,
        displayName: username,
        role: 'member',
        password: `${username}-password`,
      });
      if (username !== 'carol') {
        generalId ??= admin.createChannel({ name: 'general', topic: '' }).id;
        admin.addMember({ channelId: generalId, userId: user.id });
      }
    }
  });

  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });

  afterAll(async () => {
    await server?.close();
    await removeDir(dir);
  });

  async function connectAs(username: string) {
    const connected = await connect(server, await login(server, username, `${username}-password`));
    open.push(connected.socket);
    return connected.socket;
  }

  async function aliceMessage(): Promise<string> {
    const socket = await connectAs('alice');
    const sent = await call<Ack<Message>>(socket, ClientEvents.send, {
      channelId: generalId,
      clientId: randomUUID(),
      body: 'members only',
    });
    return (sent as { value: Message }).value.id;
  }

  it.each([
    ['an object', { toString: 'x' }],
    ['a string', '1'],
    ['a fraction', 1.5],
    ['nothing', undefined],
  ])('refuses %s as the protocol version with a plain protocol_mismatch', async (_, version) => {
    const token = await login(server, 'alice', 'alice-password');
    const error = await refusal(server, { token, protocolVersion: version });

    expect(error.message).toBe('protocol_mismatch');
    expect(error.data).toEqual({
      code: 'protocol_mismatch',
      message: 'The app did not send a protocol version this server understands. Update the app.',
    });
  });

  it('answers not_found to a non-member editing or deleting a message', async () => {
    const id = await aliceMessage();
    const carol = await connectAs('carol');

    const edit = await call(carol, ClientEvents.edit, { messageId: id, body: 'mine now' });
    const remove = await call(carol, ClientEvents.delete, { messageId: id });

    expect(errorOf(edit)).toEqual({ code: 'not_found', message: 'That message does not exist.' });
    expect(errorOf(remove)).toEqual({ code: 'not_found', message: 'That message does not exist.' });
  });

  it('still answers forbidden to a member who is not the author', async () => {
    const id = await aliceMessage();
    const bob = await connectAs('bob');

    const edit = await call(bob, ClientEvents.edit, { messageId: id, body: 'mine now' });
    const remove = await call(bob, ClientEvents.delete, { messageId: id });

    expect(errorOf(edit).code).toBe('forbidden');
    expect(errorOf(remove).code).toBe('forbidden');
  });

  it('refuses bodies with control characters or only whitespace, and accepts bidi text', async () => {
    const alice = await connectAs('alice');
    const send = (body: string) =>
      call(alice, ClientEvents.send, { channelId: generalId, clientId: randomUUID(), body });

    const refused = await Promise.all(['a\u0000b', 'ding\u0007', 'x\u0085y', ' \n\t '].map(send));
    const bidi = await send('\u202Eevil.exe and \u2067שלום\u2069');

    expect(refused.map((ack) => errorOf(ack))).toEqual([
      {
        code: 'invalid_input',
        message: 'body: Messages cannot contain control characters other than tab and new line.',
      },
      {
        code: 'invalid_input',
        message: 'body: Messages cannot contain control characters other than tab and new line.',
      },
      {
        code: 'invalid_input',
        message: 'body: Messages cannot contain control characters other than tab and new line.',
      },
      { code: 'invalid_input', message: 'body: Messages cannot be only spaces or blank lines.' },
    ]);
    expect(bidi).toMatchObject({
      ok: true,
      value: { body: '\u202Eevil.exe and \u2067שלום\u2069' },
    });
  });
});
