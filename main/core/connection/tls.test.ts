import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_RECONNECT } from '../connection/backoff';
import { createLoggerFactory } from '../log/logger';
import { createTrust } from '../net/trust';
import { FakeServer } from '../testing/fake-server';
import { ANN, sleep, startCore, waitFor, type CoreHarness } from '../testing/harness';
import { createTestCa, type TestCa } from '../testing/tls-fixture';
import { openConnection } from './connection';

let trusted: TestCa;
let stranger: TestCa;
let server: FakeServer | null = null;
let harness: CoreHarness | null = null;

beforeAll(() => {
  trusted = createTestCa('Trusted Test CA');
  stranger = createTestCa('Unknown Test CA');
});

afterEach(async () => {
  await harness?.core.dispose();
  harness = null;
  await server?.stop();
  server = null;
});

describe('TLS trust', () => {
  it('never sends the password to a server whose certificate is from an unknown CA', async () => {
    server = await new FakeServer(stranger.issue()).start();
    harness = startCore([trusted.certPem]);

    const result = await harness.core.handlers.login({ serverUrl: server.url, ...ANN });

    expect(result).toMatchObject({ ok: false, error: { code: 'certificate_refused' } });
    expect(result.ok ? '' : result.error.message).toMatch(/authority this computer does not trust/);
    expect(server.received).toMatchObject({ tlsSessions: 0, rest: [], handshakes: 0 });
  });

  it('never connects a socket to an untrusted server, so the token never reaches it', async () => {
    server = await new FakeServer(stranger.issue()).start();
    const token = server.login('ann');
    const states: string[] = [];
    const failures: string[] = [];
    const connection = openConnection({
      url: server.url,
      token,
      trust: createTrust([trusted.certPem]),
      log: createLoggerFactory({ level: 'silent' })('test'),
      ackTimeoutMs: 500,
      reconnect: { ...DEFAULT_RECONNECT, initialDelayMs: 20, maxDelayMs: 50 },
      callbacks: {
        onState: (state) => states.push(state),
        onReady: () => states.push('READY'),
        onEvent: () => undefined,
        onEnded: () => states.push('ENDED'),
        onConnectFailure: (error) => failures.push(error.code),
      },
    });

    await waitFor(() => failures.length >= 3, 5_000, 'several refused attempts');
    connection.close();
    await sleep(50);

    expect(new Set(failures)).toEqual(new Set(['certificate_refused']));
    expect(states).not.toContain('online');
    expect(states).not.toContain('READY');
    expect(server.received).toMatchObject({ tlsSessions: 0, handshakes: 0 });
  });

  it('explains an expired certificate', async () => {
    server = await new FakeServer(trusted.issue({ expired: true })).start();
    harness = startCore([trusted.certPem]);

    const result = await harness.core.handlers.login({ serverUrl: server.url, ...ANN });

    expect(result).toMatchObject({ ok: false, error: { code: 'certificate_refused' } });
    expect(result.ok ? '' : result.error.message).toMatch(/expired/);
    expect(server.received.rest).toEqual([]);
  });

  it('explains a certificate issued for another host name', async () => {
    server = await new FakeServer(trusted.issue({ altNames: ['DNS:chat.example.org'] })).start();
    harness = startCore([trusted.certPem]);

    const result = await harness.core.handlers.login({ serverUrl: server.url, ...ANN });

    expect(result).toMatchObject({ ok: false, error: { code: 'certificate_refused' } });
    expect(result.ok ? '' : result.error.message).toMatch(/different server name/);
    expect(server.received.rest).toEqual([]);
  });

  it('trusts a server whose certificate comes from the configured extra CA', async () => {
    server = await new FakeServer(trusted.issue()).start();
    harness = startCore([trusted.certPem]);

    const result = await harness.core.handlers.login({ serverUrl: server.url, ...ANN });

    expect(result.ok).toBe(true);
  });

  it('refuses an http:// server address before any network access', async () => {
    harness = startCore([trusted.certPem]);

    const viaDispatch = await harness.core.dispatch('login', { serverUrl: 'http://127.0.0.1:9', ...ANN }); // prettier-ignore
    const direct = await harness.core.handlers.login({ serverUrl: 'http://127.0.0.1:9', ...ANN });

    expect(viaDispatch).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(direct).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
