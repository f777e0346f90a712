import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { startServer } from '../../../server/index';
import { launchChromium } from './chromium';
import { hostRenderer, type RendererHost } from './renderer-host';
import { openBridgedClient, type BridgedClient, type BridgedClientOptions } from './test-bridge';

type RunningServer = Awaited<ReturnType<typeof startServer>>;

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

  private constructor(
    readonly dataDir: string,
    public server: RunningServer,
    private readonly renderer: RendererHost,
    private readonly browser: Browser,
  ) {}

  static async create(): Promise<TestWorld> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-e2e-'));
    const server = await startServer({ dataDir, host: '127.0.0.1', port: 0, quiet: true });
    const renderer = await hostRenderer();
    const browser = await launchChromium();
    const world = new TestWorld(dataDir, server, renderer, browser);

    await world.seed();
    return world;
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
    options: Pick<BridgedClientOptions, 'dataDir' | 'credentials' | 'reconnect'> = {},
  ): Promise<BridgedClient> {
    const client = await openBridgedClient(this.browser, {
      rendererUrl: this.renderer.url,
      extraCaPem: [this.server.caCertPem],
      defaultServerUrl: this.server.url,
      ...options,
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
    this.server = await startServer({
      dataDir: this.dataDir,
      host: '127.0.0.1',
      port: this.server.port,
      quiet: true,
    });
  }

  async dispose(): Promise<void> {
    await Promise.allSettled(this.clients.map((client) => client.close()));
    await this.browser.close();
    await this.renderer.close();
    await this.server.close().catch(() => undefined);
    await rm(this.dataDir, { recursive: true, force: true });
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
