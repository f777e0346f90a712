import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BridgeEvent } from '../../common/bridge';
import { createParleyCore, type ParleyCore } from '../../main/core/core';
import {
  createCertificateAuthority,
  issueServerCertificate,
  type CertificateAuthority,
} from '../../server/tls/pki';
import { startServer } from '../../server/index';
import { startNginx, type RunningNginx } from './harness/tls-nginx';
import { ALICE, BOB } from './harness/world';

interface Client {
  core: ParleyCore;
  events: BridgeEvent[];
}

async function waitFor<T>(
  find: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * nginx terminates TLS with its own certificate (from an "edge" CA the client trusts) and
 * forwards REST and socket.io, WebSocket upgrades included, to the reference server over https
 * that nginx verifies against the server's CA. The client never sees the server's certificate.
 */
describe('Parley behind nginx terminating TLS', () => {
  let dataDir: string;
  let edgeCa: CertificateAuthority;
  let server: Awaited<ReturnType<typeof startServer>>;
  let nginx: RunningNginx;
  const clients: Client[] = [];

  function openClient(): Client {
    const events: BridgeEvent[] = [];
    const core = createParleyCore({
      onEvents: (batch) => events.push(...batch),
      extraCaPem: [edgeCa.certPem],
      readyTimeoutMs: 10_000,
    });
    const client = { core, events };
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-nginx-e2e-'));
    const originCa = await createCertificateAuthority({ commonName: 'Parley Origin Test CA' });
    edgeCa = await createCertificateAuthority({ commonName: 'Parley Edge Test CA' });
    const origin = await issueServerCertificate(originCa, { hosts: ['localhost', '127.0.0.1'] });
    const edge = await issueServerCertificate(edgeCa, { hosts: ['127.0.0.1', 'localhost'] });

    server = await startServer({
      dataDir,
      host: '127.0.0.1',
      port: 0,
      quiet: true,
      tls: { ...origin, caCertPem: originCa.certPem },
    });
    const alice = await server.admin.createUser({ ...ALICE, role: 'member' });
    const bob = await server.admin.createUser({ ...BOB, role: 'member' });
    const general = server.admin.createChannel({ name: 'general', topic: 'Everyone' });
    server.admin.addMember({ channelId: general.id, userId: alice.id });
    server.admin.addMember({ channelId: general.id, userId: bob.id });

    nginx = await startNginx({
      ...edge,
      upstreamPort: server.port,
      upstreamCaPem: originCa.certPem,
      upstreamName: 'localhost',
    });
  });

  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.core.dispose()));
    await nginx?.stop();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('logs two people in and carries a message between them through nginx', async () => {
    const alice = openClient();
    const bob = openClient();

    for (const [client, account] of [
      [alice, ALICE],
      [bob, BOB],
    ] as const) {
      const login = await client.core.dispatch('login', {
        serverUrl: nginx.url,
        username: account.username,
        password: account.password,
      });
      if (!login.ok) throw new Error(`login through nginx failed: ${JSON.stringify(login)}\n${await nginx.errorLog()}`); // prettier-ignore
    }
    const ready = await waitFor(
      () => alice.events.find((event) => event.type === 'ready'),
      'alice ready',
    );
    const general = ready.type === 'ready' ? ready.channels.find((c) => c.name === 'general') : undefined; // prettier-ignore

    const body = `Through the reverse proxy ${randomUUID()}`;
    const sent = await alice.core.dispatch('sendMessage', { channelId: general!.id, clientId: randomUUID(), body }); // prettier-ignore
    const received = await waitFor(
      () => bob.events.find((event) => event.type === 'message' && event.message.body === body),
      'the message on bob’s side',
    );

    expect(sent.ok).toBe(true);
    expect(received).toMatchObject({ type: 'message', message: { body, channelId: general!.id } });
  });

  it('carries the sockets as WebSockets: nginx forwarded the upgrades', async () => {
    expect(clients.every((client) => client.core.snapshot().connection === 'online')).toBe(true);

    // nginx writes a WebSocket's access line when it closes, so sign everyone out first.
    await Promise.all(clients.map((client) => client.core.dispatch('logout', {})));
    const upgraded = /"GET \/socket\.io\/\S*transport=websocket\S* HTTP\/1\.1" 101 /;
    const upgrades = await waitFor(async () => {
      const lines = (await nginx.accessLog()).split('\n').filter((line) => upgraded.test(line));
      return lines.length >= 2 ? lines : undefined;
    }, 'two WebSocket upgrades in the nginx access log');

    expect(upgrades.length).toBeGreaterThanOrEqual(2);
    expect(await nginx.errorLog()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
  });
});
