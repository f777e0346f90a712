import type { BridgeEvent, Snapshot } from '../../common/bridge';
import type { BridgeDispatch } from '../core/bridge/dispatch';
import type { CoreNotificationsPort } from '../core/notifications/center';

/**
 * The part of `createParleyCore` (main/core/core.ts) the shell needs. Kept as an interface so
 * the shell is tested without the real core, and so it states exactly what it relies on.
 */
export interface ShellCoreOptions {
  onEvents: (batch: BridgeEvent[]) => void;
  extraCaPem?: string[];
  defaultServerUrl?: string | null;
  /**
   * The notification center (main/core/notifications). The core calls `onMessage` for every
   * message event it emits, `setActiveChannel` and `setMode` from the bridge operations of the
   * same names, and `modes()` for `Snapshot.notificationModes`.
   */
  notifications?: CoreNotificationsPort;
}

export interface ShellCore {
  dispatch: BridgeDispatch;
  /** Read synchronously for notification text and deep links (session, channels, users, policy). */
  snapshot(): Snapshot;
  dispose(): void | Promise<void>;
}

export type CreateShellCore = (options: ShellCoreOptions) => ShellCore;
