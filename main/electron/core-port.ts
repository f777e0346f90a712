import type { BridgeEvent, Snapshot } from '../../common/bridge';
import type { AuditLog } from '../core/audit/audit-log';
import type { BridgeDispatch } from '../core/bridge/dispatch';
import type { CorePolicy, UpdatesPort } from '../core/core';
import type { ProxyEnv } from '../core/net/proxy';
import type { CoreNotificationsPort } from '../core/notifications/center';

/**
 * The part of `createParleyCore` (main/core/core.ts) the shell needs. Kept as an interface so
 * the shell is tested without the real core, and so it states exactly what it relies on.
 */
export interface ShellCoreOptions {
  onEvents: (batch: BridgeEvent[]) => void;
  /** app.getPath('userData'): accounts.json and the encrypted caches live here. */
  dataDir: string;
  /** process.env: HTTPS_PROXY / NO_PROXY for the core's connections. */
  proxyEnv: ProxyEnv;
  /** The development CA (never in a packaged build); policy's extraCaFiles come on top. */
  extraCaPem: string[];
  defaultServerUrl: string | null;
  audit: AuditLog;
  /** The policy state: the core reads it, applies the server's policy and clears it. */
  policy: CorePolicy;
  /** The update service in a packaged build; without it the core answers `disabled`. */
  updates?: UpdatesPort;
  /**
   * The notification center (main/core/notifications). The core calls `onMessage` for every
   * message event it emits, `setActiveChannel` and `setMode` from the bridge operations of the
   * same names, and `modes()` for `Snapshot.notificationModes`.
   */
  notifications: CoreNotificationsPort;
}

export interface ShellCore {
  dispatch: BridgeDispatch;
  /** Read synchronously for notification text and deep links (session, channels, users). */
  snapshot(): Snapshot;
  /** Sends an event to the renderer in order with the core's own (policy, update status). */
  publish(event: BridgeEvent): void;
  /** A keychain call is stuck: after dispose the process must be ended with app.exit. */
  keychainStuck(): boolean;
  dispose(): void | Promise<void>;
}

export type CreateShellCore = (options: ShellCoreOptions) => ShellCore;
