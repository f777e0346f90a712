import type { BridgeEvent } from '../../../common/bridge';
import { parseDeepLink, type DeepLink } from './parse';

export interface DeepLinkLogger {
  info(fields: Record<string, unknown>, event: string): void;
  warn(fields: Record<string, unknown>, event: string): void;
}

export interface DeepLinkRouterDeps {
  /** The server of the signed-in session, or null when signed out. */
  currentServer: () => string | null;
  /** Delivers events to the renderer (focusMessage, notice). */
  emit: (events: BridgeEvent[]) => void;
  /** Brings the window to the front (creating it if needed). */
  showWindow: () => void;
  log: DeepLinkLogger;
}

const originOf = (url: string): string | null => (URL.canParse(url) ? new URL(url).origin : null);

const notice = (level: 'info' | 'warning', text: string): BridgeEvent => ({
  type: 'notice',
  level,
  text,
});

function routeOpen(link: Extract<DeepLink, { kind: 'open' }>, deps: DeepLinkRouterDeps): void {
  const current = deps.currentServer();
  if (current === null) {
    deps.log.info({ outcome: 'signed_out' }, 'deep_link.open_deferred');
    deps.emit([notice('info', 'Sign in to Parley to open that link.')]);
    return;
  }

  // Threat: a link steering the user to another server than the one they trust. It never
  // switches servers by itself; the user is told instead.
  if (originOf(current) !== link.server) {
    deps.log.warn({ outcome: 'other_server' }, 'deep_link.open_refused');
    deps.emit([notice('warning', 'That link belongs to a different server than yours.')]);
    return;
  }

  if (link.channelId !== null && link.messageId !== null) {
    deps.emit([{ type: 'focusMessage', channelId: link.channelId, messageId: link.messageId }]);
  }
}

/**
 * Acts on a raw `parley://` string: refused links are logged with their reason only (never any
 * part of the link, which may carry an SSO code); accepted ones show the window first.
 */
export function createDeepLinkRouter(deps: DeepLinkRouterDeps) {
  return (raw: unknown): void => {
    const parsed = parseDeepLink(raw);
    if (!parsed.ok) {
      deps.log.warn({ reason: parsed.reason }, 'deep_link.refused');
      return;
    }

    deps.showWindow();
    const { link } = parsed;
    switch (link.kind) {
      case 'open':
        routeOpen(link, deps);
        return;
      case 'sso-callback':
        // GAP(sso): single sign-on is not implemented. The callback is parsed and validated so
        // the format is fixed, but `state` is not checked against a pending login and `code` is
        // never exchanged. Whoever adds SSO must match `state` to a login this app started
        // (one use, short expiry) before using `code`.
        deps.log.info({ outcome: 'unsupported' }, 'deep_link.sso_callback');
        deps.emit([notice('info', 'Single sign-on is not supported yet.')]);
        return;
    }
  };
}
