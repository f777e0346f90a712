import type { App } from 'electron';

import { DEEP_LINK_SCHEME, findDeepLinkArgument } from '../core/deep-link/parse';
import type { ShellLogger } from './log';

type Route = (raw: string) => void;

export interface DeepLinkSourcesDeps {
  app: Pick<App, 'on' | 'isPackaged' | 'setAsDefaultProtocolClient'>;
  /** This process's own command line: a first start by a link carries it (Windows, Linux). */
  argv: readonly string[];
  /** Brings the existing window forward when a second instance starts without a link. */
  onSecondInstance: () => void;
  log: ShellLogger;
}

/**
 * Listens for `parley://` links from the OS at once (macOS can send `open-url` before the app is
 * ready) and holds them until `attach` names where they go. Links are untrusted strings here;
 * the router parses them.
 */
export function listenForDeepLinks(deps: DeepLinkSourcesDeps) {
  const { app, log } = deps;
  let route: Route | null = null;
  const waiting: string[] = [];

  const deliver = (raw: string) => {
    if (route) route(raw);
    else if (waiting.length < 5) waiting.push(raw);
    else log.warn({}, 'deep_link.dropped');
  };

  // macOS: clicked links arrive here, also while the app starts.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deliver(url);
  });

  // Windows and Linux: a click starts a second instance, which hands its argv over and exits.
  app.on('second-instance', (_event, argv) => {
    deps.onSecondInstance();
    const link = findDeepLinkArgument(argv);
    if (link !== null) deliver(link);
  });

  // Only an installed app registers itself; in development it would register the bare
  // Electron binary as the handler.
  if (app.isPackaged && !app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)) {
    log.warn({}, 'deep_link.register_failed');
  }

  const initial = findDeepLinkArgument(deps.argv);
  if (initial !== null) deliver(initial);

  return {
    attach(next: Route): void {
      route = next;
      for (const raw of waiting.splice(0)) next(raw);
    },
  };
}
