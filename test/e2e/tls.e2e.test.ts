import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { PROTOCOL_VERSION } from '../../common/protocol';
import type { CertificateProblem } from '../../common/result';
import type { AuditEventName, AuditFields, AuditLog } from '../../main/core/audit/audit-log';
import { createParleyCore } from '../../main/core/core';
import { createRestApi } from '../../main/core/net/api';
import {
  createTransport,
  type Transport,
  type TransportOptions,
} from '../../main/core/net/transport';
import { startServer } from '../../server/index';
import { ConnectProxy } from '../tls/connect-proxy';
import { createCertificateSet, type CertificateSet } from '../tls/certificates';
import { RecordingServer } from '../tls/recording-server';
import { trySocket } from '../tls/socket-attempt';
import { launchChromium } from './harness/chromium';
import { hostRenderer, type RendererHost } from './harness/renderer-host';
import { openBridgedClient, type BridgedClient } from './harness/test-bridge';
import { ALICE, logIn } from './harness/world';

const PASSWORD = 'never-leaves-this-process';
const TOKEN = 'token-that-must-never-arrive-0123456789abcdef';

let certs: CertificateSet;
let server: RecordingServer | null = null;
let transport: Transport | null = null;
const audit: [AuditEventName, AuditFields][] = [];
const recordingAudit: AuditLog = { record: (event, fields = {}) => audit.push([event, fields]) };

function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

function transportFor(options: TransportOptions): Transport {
  transport = createTransport({
    extraCaPem: [certs.ca.certPem],
    audit: recordingAudit,
    ...options,
  });
  return transport;
}

beforeAll(async () => {
  certs = await createCertificateSet();
});

afterEach(async () => {
  transport?.destroy();
  transport = null;
  await server?.stop();
  server = null;
  audit.length = 0;
});

describe('a refused certificate, on every way the core reaches a server', () => {
  const cases: [keyof CertificateSet, CertificateProblem['reason']][] = [
    ['expired', 'expired'],
    ['notYetValid', 'not_yet_valid'],
    ['wrongHost', 'wrong_host'],
    ['unknownIssuer', 'unknown_issuer'],
    ['otherKey', 'pin_mismatch'],
  ];

  it.each(cases)(
    'refuses %s at REST login, on WebSocket and on polling, and nothing reaches the server',
    async (name, reason) => {
      const cert = certs[name] as { certPem: string; keyPem: string };
      server = await new RecordingServer(cert).start();
      const tls = transportFor({ pins: { [server.url]: [certs.goodPin] } });
      const expected = {
        code: 'certificate_refused',
        certificate: { reason, fingerprintSha256: fingerprintOf(cert.certPem) },
      };

      const login = await createRestApi(tls).login(server.url, 'ann', PASSWORD);
      const websocket = await trySocket(server.url, tls.agent, ['websocket'], { token: TOKEN });
      const polling = await trySocket(server.url, tls.agent, ['polling'], { token: TOKEN });

      expect(login).toMatchObject({ ok: false, error: expected });
      expect(websocket.connected).toBe(false);
      expect(tls.describeTlsError(!websocket.connected && websocket.error)).toMatchObject(expected);
      expect(polling.connected).toBe(false);
      // Polling loses the cause ("xhr poll error"); the agent saw the refusal and says why.
      expect(tls.describeTlsError(!polling.connected && polling.error, server.url)).toMatchObject(expected); // prettier-ignore
      expect(server.recorded).toEqual({
        tlsHandshakes: 0,
        requests: [],
        loginBodies: [],
        socketAuths: [],
        upgrades: 0,
      });
      expect(audit).toContainEqual([
        'certificate.refused',
        expect.objectContaining({ origin: server.url, reason, fingerprintSha256: expected.certificate.fingerprintSha256 }), // prettier-ignore
      ]);
    },
  );

  it('connects with the right certificate and pin, and the credentials arrive', async () => {
    server = await new RecordingServer(certs.good).start();
    const tls = transportFor({ pins: { [server.url]: [certs.goodPin] } });

    const login = await createRestApi(tls).login(server.url, 'ann', PASSWORD);
    const websocket = await trySocket(server.url, tls.agent, ['websocket'], { token: TOKEN });
    const polling = await trySocket(server.url, tls.agent, ['polling'], { token: TOKEN });

    expect(login.ok).toBe(true);
    expect(websocket).toEqual({ connected: true });
    expect(polling).toEqual({ connected: true });
    expect(server.recorded.loginBodies.join()).toContain(PASSWORD);
    expect(server.recorded.socketAuths).toEqual([{ token: TOKEN }, { token: TOKEN }]);
    expect(audit).toEqual([]);
  });

  it('accepts any certificate under a pinned CA key (a pin anywhere in the verified chain)', async () => {
    server = await new RecordingServer(certs.otherKey).start();
    const tls = transportFor({ pins: { [server.url]: [certs.caPin] } });

    const login = await createRestApi(tls).login(server.url, 'ann', PASSWORD);

    expect(login.ok).toBe(true);
  });

  it('shows why a top-level checkServerIdentity is not enough: polling ignores it', async () => {
    server = await new RecordingServer(certs.otherKey).start();
    const { io } = await import('socket.io-client');
    const socket = io(server.url, {
      transports: ['polling'],
      forceNew: true,
      reconnection: false,
      ca: [certs.ca.certPem],
      checkServerIdentity: () => new Error('refused by a check that polling never calls'),
    } as Parameters<typeof io>[1]);

    const connected = await new Promise<boolean>((resolve) => {
      socket.on('connect', () => resolve(true));
      socket.on('connect_error', () => resolve(false));
    });
    socket.close();

    expect(connected).toBe(true); // hence the check lives on the agent, which polling does use
  });

  it('refuses http:// and ws:// servers, except loopback with the development flag', () => {
    const strict = createTransport();
    const dev = createTransport({ allowInsecureLoopback: true });

    expect(strict.checkUrl('http://127.0.0.1:8080').ok).toBe(false);
    expect(strict.checkUrl('ws://127.0.0.1:8080').ok).toBe(false);
    expect(dev.checkUrl('http://127.0.0.1:8080', '/api/info')).toMatchObject({ ok: true });
    expect(dev.checkUrl('ws://localhost:8080').ok).toBe(true);
    expect(dev.checkUrl('http://chat.example.org').ok).toBe(false);
    expect(strict.checkUrl('https://user:pw@chat.example.org').ok).toBe(false);
    strict.destroy();
    dev.destroy();
  });
});

describe('the core and the page when a certificate is refused', () => {
  let dataDir: string;
  let reference: Awaited<ReturnType<typeof startServer>>;
  let renderer: RendererHost;
  let browser: Browser;
  let client: BridgedClient | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-tls-e2e-'));
    reference = await startServer({
      dataDir,
      host: '127.0.0.1',
      port: 0,
      quiet: true,
      tls: { ...certs.expired, caCertPem: certs.ca.certPem },
    });
    await reference.admin.createUser({ ...ALICE, role: 'member' });
    renderer = await hostRenderer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await client?.close();
    await browser?.close();
    await renderer?.close();
    await reference?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses the login in the real core with the reason and the fingerprint', async () => {
    const core = createParleyCore({ onEvents: () => undefined, extraCaPem: [certs.ca.certPem] });

    const result = await core.dispatch('login', {
      serverUrl: reference.url,
      username: ALICE.username,
      password: ALICE.password,
    });
    await core.dispose();

    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'certificate_refused',
        certificate: { reason: 'expired', fingerprintSha256: fingerprintOf(certs.expired.certPem) },
      },
    });
  });

  it('shows the user that the certificate expired', async () => {
    client = await openBridgedClient(browser, {
      rendererUrl: renderer.url,
      extraCaPem: [certs.ca.certPem],
      defaultServerUrl: reference.url,
    });

    await logIn(client.page, ALICE);

    const alert = client.page.getByRole('alert').first();
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toMatch(/expired/i);
    await expect(alert.textContent()).resolves.toContain(fingerprintOf(certs.expired.certPem));
  });
});

describe('through an HTTPS proxy (CONNECT), TLS still checked against the chat server', () => {
  let proxy: ConnectProxy;

  beforeAll(async () => {
    proxy = await new ConnectProxy().start();
  });

  afterAll(async () => {
    await proxy?.stop();
  });

  it('logs in and connects a socket through the tunnel; the proxy sees only ciphertext', async () => {
    server = await new RecordingServer(certs.good).start();
    const options = { pins: { [server.url]: [certs.goodPin] }, proxyEnv: { HTTPS_PROXY: proxy.url } }; // prettier-ignore
    const before = proxy.tunnels.length;

    const login = await createRestApi(transportFor(options)).login(server.url, 'ann', PASSWORD);
    const afterLogin = proxy.tunnels.length;
    transport?.destroy(); // a fresh agent, so the socket cannot reuse the login's tunnel
    const token = login.ok ? login.value.token : '';
    const auth = { token, protocolVersion: PROTOCOL_VERSION };
    const websocket = await trySocket(server.url, transportFor(options).agent, ['websocket'], auth); // prettier-ignore

    expect(login.ok).toBe(true);
    expect(websocket).toEqual({ connected: true });
    expect(afterLogin - before).toBe(1);
    expect(proxy.tunnels.length - afterLogin).toBe(1);
    expect(new Set(proxy.tunnels.slice(before).map((t) => t.target))).toEqual(new Set([`127.0.0.1:${server.port}`])); // prettier-ignore
    expect(proxy.sawInClear(PASSWORD)).toBe(false);
    expect(proxy.sawInClear(token)).toBe(false);
    expect(server.recorded.socketAuths).toEqual([{ token, protocolVersion: PROTOCOL_VERSION }]);
  });

  it('refuses a server whose key does not match the pin, even through the proxy', async () => {
    server = await new RecordingServer(certs.otherKey).start();
    const before = proxy.tunnels.length;
    const tls = transportFor({
      pins: { [server.url]: [certs.goodPin] },
      proxyEnv: { https_proxy: proxy.url },
    });

    const login = await createRestApi(tls).login(server.url, 'ann', PASSWORD);
    const websocket = await trySocket(server.url, tls.agent, ['websocket'], { token: TOKEN });

    expect(login).toMatchObject({
      ok: false,
      error: { code: 'certificate_refused', certificate: { reason: 'pin_mismatch' } },
    });
    expect(websocket.connected).toBe(false);
    expect(proxy.tunnels.length).toBeGreaterThan(before); // the tunnel opened; TLS refused inside
    expect(server.recorded.requests).toEqual([]);
    expect(server.recorded.socketAuths).toEqual([]);
    expect(proxy.sawInClear(PASSWORD)).toBe(false);
  });

  it('goes direct for a host listed in NO_PROXY, and through the proxy for another port', async () => {
    server = await new RecordingServer(certs.good).start();
    const before = proxy.tunnels.length;
    const bypass = transportFor({ proxyEnv: { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.org, 127.0.0.1' } }); // prettier-ignore

    const direct = await createRestApi(bypass).login(server.url, 'ann', PASSWORD);
    bypass.destroy();
    const otherPort = transportFor({ proxyEnv: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1:1' } }); // prettier-ignore
    const proxied = await createRestApi(otherPort).login(server.url, 'ann', PASSWORD);

    expect(direct.ok).toBe(true);
    expect(proxied.ok).toBe(true);
    expect(proxy.tunnels.length - before).toBe(1);
  });

  it('reports a proxy that refuses the tunnel as a network error, sending nothing', async () => {
    server = await new RecordingServer(certs.good).start();
    const tls = transportFor({ proxyEnv: { HTTPS_PROXY: proxy.url } });

    const result = await createRestApi(tls).login(`https://localhost:${server.port}`, 'ann', PASSWORD); // prettier-ignore

    expect(result).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(proxy.refused).toContain(`localhost:${server.port}`);
    expect(server.recorded.requests).toEqual([]);
  });
});
