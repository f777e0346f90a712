import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { AuditEventName, AuditFields } from '../audit/audit-log';
import { createTestCa, type ServerCert, type TestCa } from '../testing/tls-fixture';
import { spkiPin } from './certificate';
import { normalisePins } from './pins';
import { createTransport, type Transport } from './transport';

let trusted: TestCa;
let stranger: TestCa;
let server: https.Server | null = null;
let transport: Transport | null = null;
let requests = 0;

beforeAll(() => {
  trusted = createTestCa('Trusted Unit CA');
  stranger = createTestCa('Stranger Unit CA');
});

afterEach(async () => {
  transport?.destroy();
  transport = null;
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
  requests = 0;
});

async function serve(cert: ServerCert, tlsOptions: https.ServerOptions = {}): Promise<string> {
  server = https.createServer(
    { cert: cert.certPem, key: cert.keyPem, ...tlsOptions },
    (_q, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    },
  );
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A GET through the transport's agent, with whatever extra options a library might add. */
function get(url: string, extra: https.RequestOptions = {}): Promise<unknown> {
  return new Promise((resolve) => {
    const req = https.request(url, { agent: transport!.agent, ...extra }, (res) => {
      res.resume();
      res.on('end', () => resolve('answered'));
    });
    req.on('error', resolve);
    req.end();
  });
}

describe('the transport agent', () => {
  it('cannot be loosened by options a caller passes per request', async () => {
    const url = await serve(stranger.issue());
    transport = createTransport({ extraCaPem: [trusted.certPem] });

    // A hostile caller's attempt to switch verification off; the test asserts it has no effect.
    const outcome = await get(url, {
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      ca: [stranger.certPem],
    });

    expect(outcome).toBeInstanceOf(Error);
    expect(transport.describeTlsError(outcome)).toMatchObject({
      code: 'certificate_refused',
      certificate: { reason: 'unknown_issuer', issuer: 'CN=Stranger Unit CA' },
    });
    expect(requests).toBe(0);
  });

  it('refuses a server that only speaks TLS 1.1', async () => {
    const url = await serve(trusted.issue(), {
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.1',
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    transport = createTransport({ extraCaPem: [trusted.certPem] });

    const outcome = await get(url);

    expect(transport.describeTlsError(outcome)).toMatchObject({ code: 'tls' });
    expect(requests).toBe(0);
  });

  it('checks pins per origin: a pin for another port does not apply', async () => {
    const cert = trusted.issue();
    const url = await serve(cert);
    const port = new URL(url).port;
    const pin = spkiPin(new X509Certificate(cert.certPem));
    const otherPin = spkiPin(new X509Certificate(trusted.issue().certPem));
    transport = createTransport({
      extraCaPem: [trusted.certPem],
      pins: { [`https://127.0.0.1:${Number(port) + 1}`]: [otherPin], [url]: [`sha256/${pin}`] },
    });

    expect(await get(url)).toBe('answered');
  });

  it('audits a refusal once, not once per reconnect attempt, with origin and fingerprint', async () => {
    const cert = trusted.issue({ expired: true });
    const url = await serve(cert);
    const audit: [AuditEventName, AuditFields][] = [];
    transport = createTransport({
      extraCaPem: [trusted.certPem],
      audit: { record: (event, fields = {}) => audit.push([event, fields]) },
    });

    for (let attempt = 0; attempt < 3; attempt += 1) await get(url);

    expect(audit).toEqual([
      [
        'certificate.refused',
        expect.objectContaining({
          origin: url,
          reason: 'expired',
          errorCode: 'CERT_HAS_EXPIRED',
          fingerprintSha256: new X509Certificate(cert.certPem).fingerprint256,
        }),
      ],
    ]);
    expect(transport.lastRefusal(url.replace('https:', 'wss:'))?.certificate.reason).toBe(
      'expired',
    );
  });

  it('finds the certificate in an error nested the way ws and socket.io nest it', async () => {
    const url = await serve(trusted.issue({ altNames: ['DNS:chat.example.org'] }));
    transport = createTransport({ extraCaPem: [trusted.certPem] });
    const cause = await get(url);
    const wrapped = { type: 'TransportError', description: { type: 'error', error: cause } };

    expect(transport.describeTlsError(wrapped)).toMatchObject({
      code: 'certificate_refused',
      message: expect.stringMatching(/different server name/),
      certificate: { reason: 'wrong_host', subject: 'CN=parley-test' },
    });
  });
});

describe('pins from policy', () => {
  it('refuses a pin list for anything but an https origin', () => {
    expect(() => normalisePins({ 'http://chat.example.org': ['x'] })).toThrow(/https origin/);
    expect(() => normalisePins({ 'https://chat.example.org': [] })).toThrow(/empty/);
  });

  it('keys pins by normalised origin', () => {
    const pins = normalisePins({ 'https://Chat.Example.org:443': ['sha256/abc='] });

    expect([...pins.keys()]).toEqual(['https://chat.example.org']);
    expect([...pins.get('https://chat.example.org')!]).toEqual(['abc=']);
  });
});
