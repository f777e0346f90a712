import type { App, WebContents } from 'electron';

import type { OpenExternal } from './external-links';
import { applySessionPolicy } from './session-security';

const hardened = new WeakSet<WebContents>();

/**
 * Default-deny for one webContents: navigation, redirects, subframe navigation, new windows,
 * webviews. Idempotent: a second call for the same contents adds nothing.
 */
export function hardenWebContents(contents: WebContents, openExternal: OpenExternal): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);

  // Threat: a compromised page navigating this privileged window (which keeps the bridge) to
  // foreign content. A clicked https link goes to the system browser instead.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternal(event.url);
  });

  // Threat: an iframe (ours has none) being navigated to foreign content that then talks to the
  // page. Electron asks here for every frame; main-frame clicks were already handled above.
  contents.on('will-frame-navigate', (event) => {
    event.preventDefault();
  });

  // Threat: a server redirect swapping our origin for another mid-navigation.
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });

  // Threat: window.open creating a second window outside these rules.
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });

  // Threat: a <webview> embedding remote content with its own, weaker preferences.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

export interface WebContentsGuardDeps {
  openExternal: OpenExternal;
}

/**
 * The one app-wide guard: every webContents Electron creates (our window, a devtools or a
 * future second window, anything a bug lets through) is hardened, and its session gets the
 * permission policy, before it can load anything.
 */
export function installWebContentsGuard(app: Pick<App, 'on'>, deps: WebContentsGuardDeps): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, deps.openExternal);
    applySessionPolicy(contents.session);
  });
}
