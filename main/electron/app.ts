import type { App, BrowserWindow, IpcMain, Protocol, Session, Shell } from 'electron';

import { registerAppScheme, serveAppScheme } from './app-protocol';
import type { CreateShellCore } from './core-port';
import { createExternalOpener } from './external-links';
import { createEventForwarder, registerBridgeIpc } from './ipc';
import type { ShellLogger } from './log';
import { applySessionPolicy } from './session-security';
import { readShellConfig } from './shell-config';
import { createMainWindow } from './window';

/** The Electron modules the shell uses, passed in so tests can hand it a fake. */
export interface ShellElectron {
  app: App;
  BrowserWindow: typeof BrowserWindow;
  ipcMain: IpcMain;
  protocol: Protocol;
  session: { defaultSession: Session };
  shell: Shell;
}

export interface ShellOptions {
  electron: ShellElectron;
  createCore: CreateShellCore;
  paths: { preload: string; renderer: string };
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  log: ShellLogger;
}

function focus(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

/** Starts the shell: everything registered here, nothing at import time. */
export async function initializeApp(options: ShellOptions): Promise<void> {
  const { app, protocol, ipcMain, shell } = options.electron;
  const { log } = options;

  app.enableSandbox();
  registerAppScheme(protocol);

  if (!app.requestSingleInstanceLock()) {
    log.info({}, 'app.second_instance_exit');
    app.quit();
    return;
  }

  const config = await readShellConfig(options.env, app.isPackaged).catch((error: Error) => {
    log.error({ errorName: error.name, reason: error.message }, 'app.config_invalid');
    return null;
  });
  if (!config) {
    app.exit(1);
    return;
  }

  await app.whenReady();
  serveAppScheme(protocol, options.paths.renderer);
  applySessionPolicy(options.electron.session.defaultSession);

  let window: BrowserWindow | null = null;
  const liveWindow = () => (window && !window.isDestroyed() ? window : null);
  const core = options.createCore({ onEvents: createEventForwarder(liveWindow), ...config });
  const unregisterIpc = registerBridgeIpc({
    ipcMain,
    dispatch: core.dispatch,
    getContents: () => liveWindow()?.webContents ?? null,
    log,
  });

  const openWindow = () => {
    const created = createMainWindow({
      BrowserWindow: options.electron.BrowserWindow,
      preloadPath: options.paths.preload,
      openExternal: createExternalOpener(shell, log),
      log,
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    window = created;
  };

  openWindow();
  app.on('second-instance', () => focus(liveWindow()));
  app.on('activate', () => {
    if (!liveWindow()) openWindow();
  });
  app.on('window-all-closed', () => {
    if (options.platform !== 'darwin') app.quit();
  });

  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;

    // Hold the quit until the core has closed its database and sockets.
    event.preventDefault();
    disposed = true;
    unregisterIpc();
    Promise.resolve()
      .then(() => core.dispose())
      .catch((error: unknown) =>
        log.error({ errorName: (error as Error)?.name }, 'app.dispose_failed'),
      )
      .finally(() => app.quit());
  });
}
