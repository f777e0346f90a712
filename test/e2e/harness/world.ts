import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { openAuditLogFile } from '../../../main/core/audit/audit-log';
import { createLoggerFactory } from '../../../main/core/log/logger';
import { startServer, type ServerOptions } from '../../../server/index';
import { launchChromium } from './chromium';
import { hostRenderer, type RendererHost } from './renderer-host';
import { openBridgedClient, type BridgedClient, type BridgedClientOptions } from './test-bridge';

type RunningServer = Awaited<ReturnType<typeof startServer>>;

export interface TestWorldOptions {
  /** The server's configuration (session lengths, MFA, lockout, …), kept across restarts. */
  serverConfig?: ServerOptions['config'];
  /** The server's clock, for tests that move time. */
  now?: ServerOptions['now'];
  /**
   * Every core's log and audit log, and the server's log, go to files under `logDir` (in the
   * world's temp folder) instead of nowhere, so a test can read what a run wrote.
   */
  logToFiles?: boolean;
}

export interface TestAccount {
  username: string;
  password: string;
  displayName: string;
}

export const ALICE: TestAccount = {
  username: 'alice',
  password: 'alice-correct-horse',
  displayName: 'Alice Archer',
};
export const BOB: TestAccount = {
  username: 'bob',
  password: 'bob-battery-staple',
  displayName: 'Bob Baker',
};

/**
 * One reference server on 127.0.0.1 with a test CA made at run time, the built renderer on
 * loopback, and Debian's Chromium; each client page gets its own real core.
 */
export class TestWorld {
  private clients: BridgedClient[] = [];
  private streams: WriteStream[] = [];
  private clientCount = 0;

  private constructor(
    readonly dataDir: string,
    public server: RunningServer,
    private readonly renderer: RendererHost,
    private readonly browser: Browser,
    private readonly options: TestWorldOptions,
  ) {}

  static async create(options: TestWorldOptions = {}): Promise<TestWorld> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-e2e-'));
    const renderer = await hostRenderer();
    const browser = await launchChromium();
    const world = new TestWorld(dataDir, null as unknown as RunningServer, renderer, browser, {
      ...options,
    });
    world.server = await world.startServerProcess(0);

    await world.seed();
    return world;
  }

  /** Where the log files go when `logToFiles` is on. */
  get logDir(): string {
    return path.join(this.dataDir, 'logs');
  }

  /** Every log file written so far (absolute paths). */
  async logFiles(): Promise<string[]> {
    const names = await readdir(this.logDir).catch(() => [] as string[]);
    return names.map((name) => path.join(this.logDir, name));
  }

  private logStream(name: string): WriteStream {
    mkdirSync(this.logDir, { recursive: true, mode: 0o700 });
    const stream = createWriteStream(path.join(this.logDir, name), { flags: 'a' });
    this.streams.push(stream);
    return stream;
  }

  private startServerProcess(port: number): Promise<RunningServer> {
    const { serverConfig, now, logToFiles } = this.options;
    return startServer({
      dataDir: path.join(this.dataDir, 'server'),
      host: '127.0.0.1',
      port,
      quiet: !logToFiles,
      ...(logToFiles ? { logDestination: this.logStream('server.log') } : {}),
      ...(serverConfig ? { config: serverConfig } : {}),
      ...(now ? { now } : {}),
    });
  }

  /** The core's logger and audit log on files of their own, when `logToFiles` is on. */
  private coreLogs(): BridgedClientOptions['core'] {
    if (!this.options.logToFiles) return {};
    const n = (this.clientCount += 1);
    mkdirSync(this.logDir, { recursive: true, mode: 0o700 });
    return {
      logger: createLoggerFactory({ level: 'debug', destination: this.logStream(`core-${n}.log`) }),
      audit: openAuditLogFile(path.join(this.logDir, `audit-${n}.log`)),
    };
  }

  private async seed(): Promise<void> {
    const { admin } = this.server;
    const alice = await admin.createUser({ ...ALICE, role: 'member' });
    const bob = await admin.createUser({ ...BOB, role: 'member' });
    const general = await admin.createChannel({ name: 'general', topic: 'Everyone' });
    const random = await admin.createChannel({ name: 'random', topic: 'Anything goes' });

    for (const channel of [general, random]) {
      for (const user of [alice, bob]) {
        await admin.addMember({ channelId: channel.id, userId: user.id });
      }
    }
  }

  /** A page with its own real core; `dataDir` (with `credentials`) makes it a persistent app. */
  async openClient(
    options: Pick<BridgedClientOptions, 'dataDir' | 'credentials' | 'reconnect' | 'core'> = {},
  ): Promise<BridgedClient> {
    const client = await openBridgedClient(this.browser, {
      rendererUrl: this.renderer.url,
      extraCaPem: [this.server.caCertPem],
      defaultServerUrl: this.server.url,
      ...options,
      core: { ...this.coreLogs(), ...options.core },
    });
    this.clients.push(client);
    return client;
  }

  async openLoggedIn(account: TestAccount): Promise<Page> {
    const { page } = await this.openClient();
    await logIn(page, account);
    await page.getByRole('log').waitFor();
    return page;
  }

  /** Stops the server; the next `startAgain` brings it back on the same port and data. */
  async stopServer(): Promise<void> {
    await this.server.close();
  }

  async startAgain(): Promise<void> {
    this.server = await this.startServerProcess(this.server.port);
  }

  async dispose(): Promise<void> {
    await Promise.allSettled(this.clients.map((client) => client.close()));
    await this.browser.close();
    await this.renderer.close();
    await this.server.close().catch(() => undefined);
    await this.closeLogs();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  /** Flushes and closes the log files (the server's and every core's stream). */
  async closeLogs(): Promise<void> {
    const open = this.streams.splice(0);
    await Promise.all(
      open.map((stream) => new Promise<void>((resolve) => stream.end(() => resolve()))),
    );
  }
}

export async function logIn(page: Page, account: TestAccount): Promise<void> {
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

export async function openChannel(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Channels' })
    .getByRole('button', { name: new RegExp(`^# ${name}`) })
    .click();
  await page.getByRole('log', { name: `Messages in #${name}` }).waitFor();
}

export async function send(page: Page, channel: string, text: string): Promise<void> {
  const composer = page.getByLabel(`Message #${channel}`);
  await composer.fill(text);
  await composer.press('Enter');
}
