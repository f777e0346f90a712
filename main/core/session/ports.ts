import type { ChannelNotificationMode, UpdateStatus } from '../../../common/bridge';
import type { EffectivePolicy, ServerPolicy } from '../../../common/policy';
import type { Message } from '../../../common/protocol';
import { err, type Result } from '../../../common/result';
import { DEFAULT_POLICY } from '../policy/defaults';

/**
 * What the core asks of modules that other parts of main own (policy loader, updater,
 * notification center). The shell passes the real ones to createParleyCore; the defaults here
 * keep the core whole without them.
 */
export interface PolicyPort {
  current(): EffectivePolicy;
  /** The server's policy arrived (with `ready`); returns the effective policy after merging. */
  applyServerPolicy(policy: ServerPolicy): EffectivePolicy;
}

export interface UpdatesPort {
  status(): UpdateStatus;
  install(): Promise<Result<null>>;
}

/** Matches `CoreNotificationsPort` of main/core/notifications/center.ts. */
export interface NotificationsPort {
  setActiveChannel(next: { channelId: string | null; windowFocused: boolean }): void;
  setMode(channelId: string, mode: ChannelNotificationMode): void;
  modes(): Record<string, ChannelNotificationMode>;
  /** Every message event from the server, live or from catch-up (new, edited or deleted). */
  onMessage(message: Message): void;
  /** The session ended: forget unread counts and seen messages. */
  reset?(): void;
}

/** DEFAULT_POLICY, with no merging: the real loader applies "stricter wins". */
export const fixedPolicy = (policy: EffectivePolicy = DEFAULT_POLICY): PolicyPort => ({
  current: () => policy,
  applyServerPolicy: () => policy,
});

export const noUpdates: UpdatesPort = {
  status: () => ({ state: 'disabled', version: null, message: null }),
  install: async () => err('invalid_input', 'There is no update to install.'),
};

/** Keeps per-channel modes in memory and shows nothing. */
export function silentNotifications(): NotificationsPort {
  const modes = new Map<string, ChannelNotificationMode>();
  return {
    setActiveChannel: () => undefined,
    setMode: (channelId, mode) => void modes.set(channelId, mode),
    modes: () => Object.fromEntries(modes),
    onMessage: () => undefined,
  };
}
