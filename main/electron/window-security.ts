import type { WebContents } from 'electron';

import type { OpenExternal } from './external-links';

/** Default-deny for one window's contents: navigation, redirects, new windows, webviews. */
export function hardenWebContents(contents: WebContents, openExternal: OpenExternal): void {
  // Threat: a compromised page navigating this privileged window (which keeps the bridge) to
  // foreign content. A clicked https link goes to the system browser instead.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternal(event.url);
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
