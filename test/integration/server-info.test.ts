import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { startCore, type CoreHarness } from '../../main/core/testing/harness';
import { startServer, type RunningServer } from '../../server/index';

/** What the log-in screen learns about a server before signing in, through the real core. */
describe('server information for the log-in screen', () => {
  let dataDir: string;
  let server: RunningServer | null = null;
  let core: CoreHarness | null = null;

  afterEach(async () => {
    await core?.core.dispose();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(config: Record<string, unknown>) {
    dataDir = mkdtempSync(path.join(tmpdir(), 'parley-info-'));
    server = await startServer({ dataDir, port: 0, quiet: true, config });
    core = startCore([server.caCertPem]);
    return { server, core };
  }

  it("passes on the server's forgot-password page", async () => {
    const { server, core } = await start({ forgotPasswordUrl: 'https://id.example.com/reset' });

    const info = await core.core.dispatch('getServerInfo', { serverUrl: server.url });

    expect(info).toEqual({
      ok: true,
      value: { name: 'Parley', forgotPasswordUrl: 'https://id.example.com/reset' },
    });
  });

  it('says null when the server names no such page', async () => {
    const { server, core } = await start({});

    const info = await core.core.dispatch('getServerInfo', { serverUrl: server.url });

    expect(info).toEqual({ ok: true, value: { name: 'Parley', forgotPasswordUrl: null } });
  });

  it('refuses a non-https address before any request', async () => {
    const { core } = await start({});

    const info = await core.core.dispatch('getServerInfo', { serverUrl: 'http://127.0.0.1:1' });

    expect(info).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
