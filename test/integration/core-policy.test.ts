import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { BridgeEvent } from '../../common/bridge';
import type { PolicySource, ServerPolicy } from '../../common/policy';
import type { AuditEventName, AuditFields } from '../../main/core/audit/audit-log';
import { mergeLocal } from '../../main/core/policy/load';
import { checkSource } from '../../main/core/policy/source-check';
import { createPolicyState, type PolicyState } from '../../main/core/policy/state';
import { startCore, waitFor, type CoreHarness } from '../../main/core/testing/harness';
import { createTestCa } from '../../main/core/testing/tls-fixture';
import { startServer, type RunningServer } from '../../server/index';
import { RecordingServer } from '../tls/recording-server';

/**
 * Policy as the core enforces it, end to end: the real core signing in over real TLS, to the
 * reference server or to a server that records everything it receives.
 */
let dataDir: string;
let server: RunningServer | null = null;
let recorder: RecordingServer | null = null;
const cores: CoreHarness[] = [];

const ANN = { username: 'ann', password: 'ann-password-1', remember: false };

function policyState(machine: PolicySource): PolicyState {
  return createPolicyState(mergeLocal([checkSource('/etc/parley/policy.json', machine)], null));
}

function core(caPem: string, overrides: Parameters<typeof startCore>[1] = {}) {
  const audited: { event: AuditEventName; fields?: AuditFields }[] = [];
  const harness = startCore([caPem], {
    audit: { record: (event, fields) => void audited.push({ event, fields }) },
    ...overrides,
  });
  cores.push(harness);
  return { ...harness, audited };
}

async function boot(policy: ServerPolicy = {}): Promise<RunningServer> {
  server = await startServer({ dataDir, host: '127.0.0.1', port: 0, quiet: true, config: { policy } }); // prettier-ignore
  const ann = await server.admin.createUser({ ...ANN, displayName: 'Ann', role: 'member' });
  const channel = server.admin.createChannel({ name: 'general' });
  server.admin.addMember({ channelId: channel.id, userId: ann.id });
  return server;
}

/** The pin of a key no server here uses. */
function strangerPin(): string {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
}

const policyEvents = (events: BridgeEvent[]) =>
  events.flatMap((event) => (event.type === 'policy' ? [event.policy] : []));

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'parley-policy-'));
});

afterEach(async () => {
  await Promise.all(cores.splice(0).map((h) => h.core.dispose()));
  await server?.close();
  await recorder?.stop();
  server = null;
  recorder = null;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('allowedServers', () => {
  it('refuses a server policy does not list with policy_denied, and sends it nothing at all', async () => {
    const ca = createTestCa();
    recorder = await new RecordingServer(ca.issue()).start();
    const policy = policyState({ allowedServers: ['https://chat.corp.example'] });
    const { core: client, audited } = core(ca.certPem, { policy });

    const result = await client.handlers.login({ serverUrl: recorder.url, ...ANN });

    expect(result).toMatchObject({ ok: false, error: { code: 'policy_denied' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toContain(recorder.url);
    expect(message).toContain("allowed by your organisation's policy");
    expect(recorder.recorded).toMatchObject({ tlsHandshakes: 0, requests: [], loginBodies: [] });
    expect(audited).toContainEqual({
      event: 'login.failed',
      fields: { origin: recorder.url, username: 'ann', errorCode: 'policy_denied' },
    });
  });

  it('lets a listed server through', async () => {
    await boot();
    const policy = policyState({ allowedServers: [server!.url] });
    const { core: client } = core(server!.caCertPem, { policy });

    const result = await client.handlers.login({ serverUrl: server!.url, ...ANN });

    expect(result).toMatchObject({ ok: true, value: { user: { username: 'ann' } } });
  });
});

describe('certificate pins from policy', () => {
  it('refuses a server whose chain holds none of the pinned keys, before any credential leaves', async () => {
    await boot();
    const policy = policyState({ certificatePins: { [server!.url]: [strangerPin()] } });
    const { core: client, audited } = core(server!.caCertPem, { policy });

    const result = await client.handlers.login({ serverUrl: server!.url, ...ANN });

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'certificate_refused', certificate: { reason: 'pin_mismatch' } },
    });
    expect(audited.map((a) => a.event)).toContain('certificate.refused');
    expect(client.snapshot().session).toBeNull();
  });

  it('logs in when the pinned key is in the chain', async () => {
    await boot();
    const policy = policyState({ certificatePins: { [server!.url]: [server!.caFingerprint] } });
    const { core: client, states } = core(server!.caCertPem, { policy });

    const result = await client.handlers.login({ serverUrl: server!.url, ...ANN });

    expect(result).toMatchObject({ ok: true, value: { user: { username: 'ann' } } });
    await waitFor(() => states().includes('online'), 3_000, 'online');
  });
});

describe("the server's policy", () => {
  it('arrives with ready, tightens the effective policy once, and is cleared at sign-out', async () => {
    await boot({ allowEditDelete: false, notificationContent: 'sender_only' });
    const policy = policyState({ notificationContent: 'full' });
    const { core: client, events } = core(server!.caCertPem, { policy });

    await client.handlers.login({ serverUrl: server!.url, ...ANN });

    expect(client.snapshot().policy).toMatchObject({
      allowEditDelete: false,
      notificationContent: 'sender_only',
      origins: { allowEditDelete: 'server', notificationContent: 'server' },
    });
    await waitFor(() => policyEvents(events).length > 0, 2_000, 'policy event');
    expect(policyEvents(events)).toMatchObject([{ allowEditDelete: false }]);

    const edit = await client.handlers.editMessage({ messageId: 'm-any', body: 'changed' });
    const remove = await client.handlers.deleteMessage({ messageId: 'm-any' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'policy_denied' } });
    expect(remove).toMatchObject({ ok: false, error: { code: 'policy_denied' } });

    await client.handlers.logout({});
    await waitFor(() => policyEvents(events).length === 2, 2_000, 'cleared policy event');
    expect(policyEvents(events)[1]).toMatchObject({ allowEditDelete: true, notificationContent: 'full' }); // prettier-ignore
    expect(client.snapshot().policy.allowEditDelete).toBe(true);
  });

  it('a policy change the shell also forwards reaches the renderer once', async () => {
    await boot({ allowEditDelete: false });
    let publish: ((event: BridgeEvent) => void) | null = null;
    const local = mergeLocal([], null);
    const policy = createPolicyState(local, {
      onChange: (next) => publish?.({ type: 'policy', policy: next }),
    });
    const { core: client, events } = core(server!.caCertPem, { policy });
    publish = client.publish;

    await client.handlers.login({ serverUrl: server!.url, ...ANN });
    await waitFor(() => events.some((e) => e.type === 'ready'), 2_000, 'ready');
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(policyEvents(events)).toHaveLength(1);
  });
});
