import type { BrowserWindow } from 'electron';

import { APP_ENTRY_URL } from './app-protocol';
import type { OpenExternal } from './external-links';
import type { ShellLogger } from './log';
import { hardenWebContents } from './window-security';

export interface MainWindowDeps {
  BrowserWindow: typeof BrowserWindow;
  preloadPath: string;
  openExternal: OpenExternal;
  log: ShellLogger;
}

/** Creates the one chat window, hardened before it loads anything. */
export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const { BrowserWindow } = deps;

  // Every isolation switch on, explicitly, even where it is Electron's default. Written inline
  // so that electronegativity (npm run check:security) can read and check each one.
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Parley',
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: true,
      preload: deps.preloadPath,
    },
  });

  // The app-wide guard (installWebContentsGuard) has already done this; repeating it here keeps
  // the window safe even if it is ever created without the guard. The second call is a no-op.
  hardenWebContents(window.webContents, deps.openExternal);

  window.once('ready-to-show', () => window.show());

  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    deps.log.error({ errorName: (error as Error)?.name }, 'window.load_failed');
  });

  return window;
}
