import type { Browser, BrowserContext, Page } from 'playwright-core';

import { BRIDGE_OPERATION_NAMES } from '../../../common/bridge-channels';
import type { BridgeEvent } from '../../../common/bridge';
import { createParleyCore, type ParleyCoreOptions } from '../../../main/core/core';

export interface BridgedClient {
  page: Page;
  core: ReturnType<typeof createParleyCore>;
  close(): Promise<void>;
}

export interface BridgedClientOptions {
  rendererUrl: string;
  extraCaPem: string[];
  defaultServerUrl: string | null;
  viewport?: { width: number; height: number };
  /** The app's data folder; without it the core keeps nothing between runs. */
  dataDir?: string;
  /** Required with `dataDir` in tests, so that no test reaches the user's own keychain. */
  credentials?: ParleyCoreOptions['credentials'];
  reconnect?: ParleyCoreOptions['reconnect'];
  /** Anything else the core takes (logger, audit, policy, …); applied last. */
  core?: Partial<Omit<ParleyCoreOptions, 'onEvents'>>;
}

/**
 * Builds `window.parley` in the page from the operation names alone: each call is forwarded to
 * the real core's dispatch in this process, as the preload forwards it over IPC in Electron.
 * Plain JavaScript text on purpose: a compiled function would carry the TypeScript runner's
 * helpers (tsx adds `__name` calls) into a page where they do not exist.
 */
function testBridgeScript(operations: readonly string[]): string {
  return `(() => {
  const listeners = new Set();
  const invoke = globalThis.__parleyInvoke;
  const bridge = {
    onEvents(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  for (const operation of ${JSON.stringify(operations)}) {
    bridge[operation] = (input) => invoke(operation, input);
  }
  Object.defineProperty(globalThis, 'parley', { value: Object.freeze(bridge) });
  Object.defineProperty(globalThis, '__parleyDeliver', {
    value: (events) => listeners.forEach((listener) => listener(events)),
  });
})();`;
}

async function deliver(page: Page, batch: BridgeEvent[]): Promise<void> {
  try {
    await page.evaluate((events) => {
      const target = globalThis as unknown as { __parleyDeliver?: (events: unknown[]) => void };
      target.__parleyDeliver?.(events);
    }, batch);
  } catch {
    // The page is navigating or closed; the renderer asks for a snapshot when it starts.
  }
}

export async function openBridgedClient(
  browser: Browser,
  options: BridgedClientOptions,
): Promise<BridgedClient> {
  const context: BrowserContext = await browser.newContext({
    viewport: options.viewport ?? { width: 1100, height: 760 },
  });
  const page = await context.newPage();
  let delivery = Promise.resolve();

  const core = createParleyCore({
    extraCaPem: options.extraCaPem,
    defaultServerUrl: options.defaultServerUrl,
    ...(options.dataDir
      ? { dataDir: options.dataDir, credentials: options.credentials ?? null }
      : {}),
    ...(options.reconnect ? { reconnect: options.reconnect } : {}),
    ...options.core,
    onEvents: (batch) => {
      delivery = delivery.then(() => deliver(page, batch));
    },
  });

  await page.exposeFunction('__parleyInvoke', (operation: string, input: unknown) =>
    core.dispatch(operation, input),
  );
  await page.addInitScript(testBridgeScript(BRIDGE_OPERATION_NAMES));
  await page.goto(options.rendererUrl);

  return {
    page,
    core,
    async close() {
      await core.dispose();
      await context.close();
    },
  };
}
