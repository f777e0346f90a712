import type { BrowserWindow, WebPreferences } from 'electron';

import { APP_ENTRY_URL } from './app-protocol';
import type { OpenExternal } from './external-links';
import type { ShellLogger } from './log';
import { hardenWebContents } from './window-security';

/** Every isolation switch on, explicitly, even where it is already Electron's default. */
export function windowWebPreferences(preload: string): WebPreferences {
  return {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    allowRunningInsecureContent: false,
    spellcheck: true,
    preload,
  };
}

export interface MainWindowDeps {
  BrowserWindow: typeof BrowserWindow;
  preloadPath: string;
  openExternal: OpenExternal;
  log: ShellLogger;
}

/** Creates the one chat window, hardened before it loads anything. */
export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const window = new deps.BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Parley',
    webPreferences: windowWebPreferences(deps.preloadPath),
  });

  hardenWebContents(window.webContents, deps.openExternal);

  window.once('ready-to-show', () => window.show());

  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    deps.log.error({ errorName: (error as Error)?.name }, 'window.load_failed');
  });

  return window;
}
