import { describe, expect, it, vi } from 'vitest';

import { BRIDGE_EVENT_CHANNEL } from '../../common/bridge';
import { ok } from '../../common/result';
import { initializeApp } from './app';
import type { ShellCoreOptions } from './core-port';
import { createFakeElectron } from './test-support/fake-electron';

const silent = { info() {}, warn() {}, error() {} };

function start(overrides: { lockGranted?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const { fakes, electron } = createFakeElectron();
  fakes.app.lockGranted = overrides.lockGranted ?? true;
  const core = { dispatch: vi.fn(async () => ok(null)), dispose: vi.fn(async () => {}) };
  const coreOptions: ShellCoreOptions[] = [];
  const createCore = vi.fn((options: ShellCoreOptions) => {
    coreOptions.push(options);
    return core;
  });

  const started = initializeApp({
    electron,
    createCore,
    paths: { preload: '/app/dist/main/preload.cjs', renderer: '/app/dist/renderer' },
    env: overrides.env ?? { PARLEY_DEFAULT_SERVER: 'https://127.0.0.1:7443' },
    platform: 'linux',
    log: silent,
  });
  return { fakes, core, createCore, coreOptions, started };
}

async function startReady() {
  const run = start();
  await Promise.resolve();
  run.fakes.app.becomeReady();
  await run.started;
  const window = run.fakes.windows[0];
  if (!window) throw new Error('no window was created');
  return { ...run, window };
}

describe('app lifecycle', () => {
  it('enables the sandbox and registers app:// before the app is ready', async () => {
    const { fakes, createCore } = start();
    await Promise.resolve();

    expect(fakes.app.sandboxEnabled).toBe(true);
    expect(fakes.protocol.privileged).toHaveLength(1);
    expect(fakes.windows).toHaveLength(0);
    expect(createCore).not.toHaveBeenCalled();
  });

  it('quits at once when another instance holds the lock, creating nothing', async () => {
    const { fakes, started, createCore } = start({ lockGranted: false });
    await started;

    expect(fakes.app.quitCount).toBe(1);
    expect(fakes.windows).toHaveLength(0);
    expect(fakes.ipcMain.handlers.size).toBe(0);
    expect(createCore).not.toHaveBeenCalled();
  });

  it('exits with an error on an invalid environment, before creating anything', async () => {
    const { fakes, started, createCore } = start({ env: { PARLEY_DEFAULT_SERVER: 'http://x' } });
    await started;

    expect(fakes.app.exitCode).toBe(1);
    expect(fakes.windows).toHaveLength(0);
    expect(createCore).not.toHaveBeenCalled();
  });

  it('once ready: serves app://, polices the session, starts the core, registers IPC, opens the window', async () => {
    const { fakes, window, coreOptions } = await startReady();

    expect(fakes.protocol.handlers.has('app')).toBe(true);
    expect(fakes.session.defaultSession.requestHandler).not.toBeNull();
    expect(coreOptions[0]).toMatchObject({
      defaultServerUrl: 'https://127.0.0.1:7443',
      extraCaPem: [],
    });
    expect(fakes.ipcMain.handlers.size).toBeGreaterThan(0);
    expect(window.loadedUrl).toBe('app://parley/index.html');
  });

  it('forwards core events to the window, and drops them after it closed', async () => {
    const { window, coreOptions } = await startReady();
    const onEvents = coreOptions[0]?.onEvents;

    onEvents?.([{ type: 'connection', state: 'online' }]);
    window.close();
    onEvents?.([{ type: 'connection', state: 'offline' }]);

    expect(window.webContents.sent).toEqual([
      { channel: BRIDGE_EVENT_CHANNEL, args: [[{ type: 'connection', state: 'online' }]] },
    ]);
  });

  it('brings the window back when a second instance starts', async () => {
    const { fakes, window } = await startReady();
    window.minimized = true;

    fakes.app.emit('second-instance');

    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('quits when the last window closes (not on macOS), disposing the core once first', async () => {
    const { fakes, window, core } = await startReady();

    window.close();
    fakes.app.emit('window-all-closed');
    await vi.waitFor(() => expect(fakes.app.quitted).toBe(true));

    expect(core.dispose).toHaveBeenCalledOnce();
    expect(fakes.app.quitCount).toBe(2);
    expect(fakes.ipcMain.handlers.size).toBe(0);
  });
});
