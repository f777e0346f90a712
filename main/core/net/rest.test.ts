import https from 'node:https';
import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { createTestCa, type TestCa } from '../testing/tls-fixture';
import { createRestApi } from './api';
import { restRequest } from './rest';
import { createTrust, httpsUrl } from './trust';

let ca: TestCa;
let server: https.Server | null = null;

beforeAll(() => {
  ca = createTestCa();
});

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
});

/** An HTTPS server on 127.0.0.1 that answers every request with `respond`. */
async function serve(respond: RequestListener): Promise<string> {
  const cert = ca.issue();
  server = https.createServer({ cert: cert.certPem, key: cert.keyPem }, respond);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json =
  (status: number, body: unknown): RequestListener =>
  (_req, res) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const Schema = z.object({ name: z.string() });

describe('REST client', () => {
  it('parses a valid answer with its schema', async () => {
    const url = await serve(json(200, { name: 'Parley' }));
    const trust = createTrust([ca.certPem]);

    const result = await restRequest(trust, { method: 'GET', url: new URL(url), schema: Schema, timeoutMs: 2_000 }); // prettier-ignore

    expect(result).toEqual({ ok: true, value: { name: 'Parley' } });
  });

  it.each([
    [json(200, { wrong: true }), 'server_error'],
    [json(429, { nope: 1 }), 'rate_limited'],
    [json(503, {}), 'server_error'],
    [json(400, { error: { code: 'protocol_mismatch', message: 'Too old.' } }), 'protocol_mismatch'],
    [(_req, res) => res.writeHead(200).end('<html>'), 'server_error'],
    [json(200, { name: 'x'.repeat(20_000) }), 'server_error'],
  ] as [RequestListener, string][])(
    'maps a bad answer to a closed code (%#)',
    async (respond, code) => {
      const url = await serve(respond);
      const trust = createTrust([ca.certPem]);

      const result = await restRequest(trust, { method: 'GET', url: new URL(url), schema: Schema, timeoutMs: 2_000 }); // prettier-ignore

      expect(result).toMatchObject({ ok: false, error: { code } });
    },
  );

  it('gives up after the timeout', async () => {
    const url = await serve(() => undefined); // never answers
    const trust = createTrust([ca.certPem]);

    const started = Date.now();
    const result = await restRequest(trust, { method: 'GET', url: new URL(url), schema: Schema, timeoutMs: 200 }); // prettier-ignore

    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports a refused connection as a network error', async () => {
    const url = await serve(json(200, {}));
    server!.close();
    const trust = createTrust([ca.certPem]);

    const result = await restRequest(trust, { method: 'GET', url: new URL(url), schema: Schema, timeoutMs: 2_000 }); // prettier-ignore

    expect(result).toMatchObject({ ok: false, error: { code: 'network' } });
  });

  it('turns 401 on login into bad_credentials', async () => {
    const url = await serve(json(401, { nope: true }));

    const result = await createRestApi(createTrust([ca.certPem])).login(url, 'ann', 'pw');

    expect(result).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
  });

  it('accepts only https addresses', () => {
    expect(httpsUrl('http://127.0.0.1/')).toBeNull();
    expect(httpsUrl('not a url')).toBeNull();
    expect(httpsUrl('https://127.0.0.1:8443', '/api/info')?.href).toBe(
      'https://127.0.0.1:8443/api/info',
    );
  });
});
