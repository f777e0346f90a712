import { describe, expect, it } from 'vitest';

import { APP_ENTRY_URL } from './app-protocol';
import { createFakeElectron, fakeEvent } from './test-support/fake-electron';
import { createMainWindow } from './window';

const silent = { info() {}, warn() {}, error() {} };

function openWindow() {
  const { fakes, electron } = createFakeElectron();
  const opened: string[] = [];
  createMainWindow({
    BrowserWindow: electron.BrowserWindow,
    preloadPath: '/app/dist/main/preload.cjs',
    openExternal: (url) => opened.push(url),
    log: silent,
  });
  const window = fakes.windows[0];
  if (!window) throw new Error('no window was created');
  return { window, opened };
}

describe('main window', () => {
  it('is created with every isolation switch on, exactly', () => {
    const { window } = openWindow();

    expect(window.options.webPreferences).toStrictEqual({
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
      preload: '/app/dist/main/preload.cjs',
    });
  });

  it('loads the renderer from app://parley and shows only when ready', () => {
    const { window } = openWindow();

    expect(window.loadedUrl).toBe(APP_ENTRY_URL);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('is hardened before it loads: navigation, window.open and webviews are denied', () => {
    const { window } = openWindow();
    const contents = window.webContents;
    const navigate = fakeEvent({ url: 'app://parley/other.html' });
    const redirect = fakeEvent({ url: 'https://elsewhere.example/' });
    const webview = fakeEvent();

    contents.emit('will-navigate', navigate);
    contents.emit('will-redirect', redirect);
    contents.emit('will-attach-webview', webview, {}, { src: 'https://elsewhere.example/' });

    expect(navigate.defaultPrevented).toBe(true);
    expect(redirect.defaultPrevented).toBe(true);
    expect(webview.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'app://parley/' })).toEqual({ action: 'deny' });
  });
});
