import type { ChannelNotificationMode } from '../../../common/bridge';
import type { EffectivePolicy } from '../../../common/policy';
import type { Channel, Message, User } from '../../../common/protocol';
import { mentions, notificationText, type NotificationText } from './content';

/** Where a clicked notification should take the user. */
export interface NotificationTarget {
  channelId: string;
  messageId: string;
}

export interface NotificationRequest extends NotificationText {
  silent: boolean;
  target: NotificationTarget;
}

/** Shows a desktop notification; main/electron implements it with Electron's `Notification`. */
export interface Notifier {
  show(request: NotificationRequest, onClick: () => void): void;
}

export interface NotificationCenterOptions {
  notifier: Notifier;
  policy: () => Pick<EffectivePolicy, 'notificationContent'>;
  currentUser: () => User | null;
  lookup: {
    channel(id: string): Channel | undefined;
    user(id: string): User | undefined;
  };
  /** A notification was clicked: focus the window on this message. */
  onClick: (target: NotificationTarget) => void;
  /** The unread total changed (tray tooltip, dock/taskbar badge). */
  onUnreadChange?: (total: number) => void;
  /** Whether notifications play no sound. Default false. */
  silent?: () => boolean;
  initialModes?: Record<string, ChannelNotificationMode>;
}

export interface ActiveChannel {
  channelId: string | null;
  windowFocused: boolean;
}

/** How many message ids are remembered to avoid notifying twice for the same message. */
const SEEN_LIMIT = 2_000;
const DEFAULT_MODE: ChannelNotificationMode = 'all';

/**
 * Decides, per incoming message, whether to notify and what the notification says, and keeps
 * the unread count for the badge. Free of Electron: the notifier is passed in.
 */
export function createNotificationCenter(options: NotificationCenterOptions) {
  const channelModes = new Map(Object.entries(options.initialModes ?? {}));
  const unread = new Map<string, number>();
  const seen = new Set<string>();
  let active: ActiveChannel = { channelId: null, windowFocused: false };

  const modeOf = (channelId: string) => channelModes.get(channelId) ?? DEFAULT_MODE;
  const unreadTotal = () => [...unread.values()].reduce((sum, count) => sum + count, 0);
  const announceUnread = () => options.onUnreadChange?.(unreadTotal());

  function remember(messageId: string): boolean {
    if (seen.has(messageId)) return false;

    seen.add(messageId);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
    return true;
  }

  function wants(message: Message, me: User): boolean {
    switch (modeOf(message.channelId)) {
      case 'all':
        return true;
      case 'mentions':
        return mentions(message.body, me);
      case 'none':
        return false;
    }
  }

  function clearUnread(channelId: string): void {
    if (unread.delete(channelId)) announceUnread();
  }

  return {
    /** Every message event from the server: new, edited or deleted. */
    onMessage(message: Message): void {
      const me = options.currentUser();

      // Edits and deletions never notify; neither do our own messages nor a message seen before.
      if (!me || message.deleted || message.editedAt !== null) return;
      if (message.authorId === me.id || !remember(message.id)) return;
      if (active.windowFocused && active.channelId === message.channelId) return;
      if (!wants(message, me)) return;

      unread.set(message.channelId, (unread.get(message.channelId) ?? 0) + 1);
      announceUnread();

      const text = notificationText(
        options.policy().notificationContent,
        message,
        options.lookup.user(message.authorId),
        options.lookup.channel(message.channelId),
      );
      const target = { channelId: message.channelId, messageId: message.id };
      options.notifier.show({ ...text, silent: options.silent?.() ?? false, target }, () =>
        options.onClick(target),
      );
    },

    setActiveChannel(next: ActiveChannel): void {
      active = { ...next };
      if (next.windowFocused && next.channelId !== null) clearUnread(next.channelId);
    },

    setMode(channelId: string, mode: ChannelNotificationMode): void {
      channelModes.set(channelId, mode);
      if (mode === 'none') clearUnread(channelId);
    },

    modes(): Record<string, ChannelNotificationMode> {
      return Object.fromEntries(channelModes);
    },

    unreadTotal,

    /** After logout or an account switch: nothing unread, nothing remembered. */
    reset(): void {
      seen.clear();
      active = { channelId: null, windowFocused: false };
      if (unread.size > 0) {
        unread.clear();
        announceUnread();
      }
    },
  };
}

export type NotificationCenter = ReturnType<typeof createNotificationCenter>;

/** The slice of the center the core calls (its `notifications` option). */
export type CoreNotificationsPort = Pick<
  NotificationCenter,
  'setActiveChannel' | 'setMode' | 'modes' | 'onMessage'
>;
