import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { BridgeEvent } from '../../common/bridge';
import type { Message } from '../../common/protocol';
import type { AuditEventName, AuditFields, AuditLog } from '../../main/core/audit/audit-log';
import type { ParleyCoreOptions } from '../../main/core/core';
import { CredentialStore } from '../../main/core/credentials';
import { FakeKeychain } from '../../main/core/credentials/testing/fake-keychain';
import { startCore, waitFor, type CoreHarness } from '../../main/core/testing/harness';
import { startServer, type RunningServer } from '../../server/index';

export const ANN = { username: 'ann', password: 'ann-password-1' };
export const BOB = { username: 'bob', password: 'bob-password-1' };

export type AuditRecord = { event: AuditEventName; fields: AuditFields };

/**
 * The reference server on 127.0.0.1 (stoppable, restartable on the same port and data) and
 * client cores that each get a data folder and an in-memory keychain that outlives them, as
 * the real ones outlive an app restart.
 */
export class OfflineWorld {
  server: RunningServer | null = null;
  channelId = '';
  readonly keychain = new FakeKeychain();
  readonly audit: AuditRecord[] = [];
  private readonly root = mkdtempSync(path.join(tmpdir(), 'parley-offline-'));
  private readonly cores: CoreHarness[] = [];
  private port = 0;
  private caPem = '';

  /** Ann's app data folder; Bob's core uses its own. */
  readonly annDir = path.join(this.root, 'ann-app');
  readonly bobDir = path.join(this.root, 'bob-app');

  async start(): Promise<RunningServer> {
    const dataDir = path.join(this.root, 'server');
    this.server = await startServer({ dataDir, host: '127.0.0.1', port: this.port, quiet: true });
    this.port = this.server.port;
    this.caPem = this.server.caCertPem;
    return this.server;
  }

  async seed(): Promise<void> {
    const { admin } = await this.start();
    const ann = await admin.createUser({ ...ANN, displayName: 'Ann', role: 'member' });
    const bob = await admin.createUser({ ...BOB, displayName: 'Bob', role: 'member' });
    this.channelId = admin.createChannel({ name: 'general' }).id;
    admin.addMember({ channelId: this.channelId, userId: ann.id });
    admin.addMember({ channelId: this.channelId, userId: bob.id });
  }

  async stopServer(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** A real core on `dataDir` with this world's keychain; waits for start-up restore. */
  async core(dataDir: string, overrides: Partial<ParleyCoreOptions> = {}): Promise<CoreHarness> {
    const audit: AuditLog = { record: (event, fields = {}) => this.audit.push({ event, fields }) };
    const credentials = new CredentialStore({ backend: this.keychain, timeoutMs: 1_000 });
    const harness = startCore([this.caPem], { dataDir, credentials, audit, ...overrides });
    this.cores.push(harness);
    await harness.core.restored;
    return harness;
  }

  async dispose(harness: CoreHarness): Promise<void> {
    this.cores.splice(this.cores.indexOf(harness), 1);
    await harness.core.dispose();
  }

  async close(): Promise<void> {
    await Promise.all(this.cores.splice(0).map((h) => h.core.dispose()));
    await this.stopServer();
    rmSync(this.root, { recursive: true, force: true });
  }
}

export const messagesOf = (events: BridgeEvent[]): Message[] =>
  events.flatMap((event) => (event.type === 'message' ? [event.message] : []));

/** Logs in and waits until the socket is online. */
export async function signIn(h: CoreHarness, url: string, who: typeof ANN, remember = true) {
  const result = await h.core.handlers.login({ serverUrl: url, ...who, remember });
  if (!result.ok) throw new Error(`login failed: ${result.error.code}`);
  await waitFor(() => h.core.snapshot().connection === 'online', 5_000, 'online');
  return result.value;
}

/** Every message the server holds in the channel with this clientId, as Bob's history sees it. */
export async function serverCopies(bob: CoreHarness, channelId: string, clientId: string) {
  const page = await bob.core.handlers.loadMessages({ channelId });
  if (!page.ok) throw new Error(`history failed: ${page.error.code}`);
  return page.value.messages.filter((m) => m.clientId === clientId).length;
}
