/**
 * Shows the UI on a machine without Electron: the reference server with demo data, the real
 * core, and the built renderer in headless Chromium; writes screenshots into --out DIR.
 *
 *   npm run preview -- --out DIR
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { startServer } from '../server/index';
import { DEMO_ACCOUNTS } from '../server/demo/accounts';
import { launchChromium } from '../test/e2e/harness/chromium';
import { hostRenderer } from '../test/e2e/harness/renderer-host';
import { openBridgedClient } from '../test/e2e/harness/test-bridge';
import { logIn, openChannel } from '../test/e2e/harness/world';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (!values.out) throw new Error('usage: npm run preview -- --out DIR');
  const outDir = path.resolve(values.out);
  await mkdir(outDir, { recursive: true });

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-preview-'));
  const server = await startServer({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    demo: true,
    quiet: true,
  });
  const renderer = await hostRenderer();
  const browser = await launchChromium();

  try {
    const client = await openBridgedClient(browser, {
      rendererUrl: renderer.url,
      extraCaPem: [server.caCertPem],
      defaultServerUrl: server.url,
      viewport: { width: 1280, height: 800 },
    });
    const { page } = client;

    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await page.screenshot({ path: path.join(outDir, 'login.png') });

    const alice = DEMO_ACCOUNTS[0]!;
    await logIn(page, { ...alice, displayName: alice.displayName });
    await openChannel(page, 'general');
    await page.getByRole('log').locator('article').first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(outDir, 'channel.png') });

    await page.getByRole('button', { name: 'Settings' }).click();
    const rotate = page.getByRole('dialog').getByRole('button', { name: 'Rotate cache key' });
    await rotate.scrollIntoViewIfNeeded();
    if (!(await rotate.isVisible())) throw new Error('the Settings dialog cannot be scrolled');
    await page.screenshot({ path: path.join(outDir, 'settings.png') });

    await client.close();
    console.log(`Screenshots written to ${outDir}: login.png, channel.png, settings.png`);
  } finally {
    await browser.close();
    await renderer.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`preview failed: ${(error as Error).message}`);
  process.exit(1);
});
