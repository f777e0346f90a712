import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ClientEvents } from '../../common/protocol';
import type { RunningServer } from '../index';
import {
  connect,
  login,
  makeTempDir,
  nextEvent,
  removeDir,
  request,
  startTestServer,
} from '../testing/harness';

describe('socket.io transport: WebSocket only, oversize frames logged', () => {
  let dir: string;
  let server: RunningServer;
  let generalId: string;
  const lines: string[] = [];

  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startTestServer(dir, {
      quiet: false,
      logDestination: { write: (line: string) => lines.push(line) },
    });
    const alice = await server.admin.createUser({
      username: 'alice',
      displayName: 'Alice',
      role: 'member',
      password: 'alice-password',
    });
    generalId = server.admin.createChannel({ name: 'general', topic: '' }).id;
    server.admin.addMember({ channelId: generalId, userId: alice.id });
  });

  afterAll(async () => {
    await server?.close();
    await removeDir(dir);
  });

  it('refuses a long-polling handshake', async () => {
    const answer = await request(server, {
      method: 'GET',
      path: '/socket.io/?EIO=4&transport=polling',
    });

    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ message: 'Transport unknown' });
  });

  it('logs a socket dropped for an oversize frame as an event, without the frame', async () => {
    const { socket } = await connect(server, await login(server, 'alice', 'alice-password'));
    const dropped = nextEvent<string>(socket, 'disconnect');
    const body = `oversize-${'x'.repeat(70_000)}`;
    socket.emit(
      ClientEvents.send,
      { channelId: generalId, clientId: randomUUID(), body },
      () => undefined,
    );
    await dropped;
    await new Promise((resolve) => setTimeout(resolve, 100));

    const events = lines.map((line) => JSON.parse(line) as { event?: string; reason?: string });
    expect(events).toContainEqual(expect.objectContaining({ event: 'socket.payload_too_large' }));
    expect(lines.join('')).not.toContain('oversize-');
  });
});
