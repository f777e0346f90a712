import type {
  ChannelNotificationMode,
  ConnectionState,
  OutboxEntry,
  SessionInfo,
  UpdateStatus,
} from '../../../common/bridge';
import type { EffectivePolicy } from '../../../common/policy';
import type { Channel, Message, User } from '../../../common/protocol';
import type { AppError } from '../../../common/result';

/**
 * A message the user just sent, shown at once: between the click and main's first `outbox`
 * event (or its receipt), or when the send call itself failed and the message never reached
 * main's outbox.
 */
export interface PendingSend {
  clientId: string;
  channelId: string;
  body: string;
  createdAt: number;
  status: 'sending' | 'failed';
  error: AppError | null;
}

/** How much of a channel's history we hold, and whether older pages remain. */
export interface HistoryState {
  loaded: boolean;
  loading: boolean;
  hasMore: boolean;
  error: AppError | null;
}

export interface SessionSlice {
  booted: boolean;
  session: SessionInfo | null;
  /** Why the last session ended, when the user did not ask for it. */
  sessionEndReason: string | null;
  defaultServerUrl: string | null;
  loginPending: boolean;
  loginError: AppError | null;
  setLoginPending: (pending: boolean) => void;
  setLoginError: (error: AppError | null) => void;
}

export interface ConnectionSlice {
  connection: ConnectionState;
}

export interface ChannelsSlice {
  channels: Channel[];
  currentChannelId: string | null;
  unread: Record<string, number>;
  selectChannel: (channelId: string) => void;
}

export interface UsersSlice {
  users: Record<string, User>;
  online: Record<string, boolean>;
  /** channelId → userId → time (ms) at which the "is typing" hint expires. */
  typing: Record<string, Record<string, number>>;
}

export interface MessagesSlice {
  /** channelId → messages sorted by seq, one entry per id. */
  messages: Record<string, Message[]>;
  history: Record<string, HistoryState>;
  setHistory: (channelId: string, patch: Partial<HistoryState>) => void;
  addHistoryPage: (channelId: string, page: Message[], hasMore: boolean) => void;
  upsertMessage: (message: Message) => void;
}

export interface PendingSlice {
  /** clientId → unacknowledged send. */
  pending: Record<string, PendingSend>;
  addPending: (send: PendingSend) => void;
  setPendingStatus: (
    clientId: string,
    status: PendingSend['status'],
    error: AppError | null,
  ) => void;
  removePending: (clientId: string) => void;
}

export interface OutboxSlice {
  /** Main's outbox as of its last `outbox` event: unsent messages it keeps across restarts. */
  outbox: OutboxEntry[];
  setOutboxEntry: (clientId: string, patch: Partial<OutboxEntry>) => void;
  dropOutboxEntry: (clientId: string) => void;
}

export interface SettingsSlice {
  policy: EffectivePolicy;
  update: UpdateStatus;
  notificationModes: Record<string, ChannelNotificationMode>;
  settingsOpen: boolean;
  setNotificationMode: (channelId: string, mode: ChannelNotificationMode) => void;
  openSettings: (open: boolean) => void;
}

/** Something main wants the user to know that is not the result of their last action. */
export interface Notice {
  id: number;
  level: 'info' | 'warning';
  text: string;
}

export interface NoticesSlice {
  notices: Notice[];
  dismissNotice: (id: number) => void;
}

export interface ViewSlice {
  /** A message to bring into view once it is in the list (a search hit, a notification). */
  scrollTarget: { channelId: string; messageId: string } | null;
  /** The message briefly highlighted after such a jump. */
  highlightedMessageId: string | null;
  setScrollTarget: (target: ViewSlice['scrollTarget']) => void;
  setHighlightedMessage: (messageId: string | null) => void;
}

export interface ComposerSlice {
  drafts: Record<string, string>;
  editingMessageId: string | null;
  deletingMessageId: string | null;
  setDraft: (channelId: string, text: string) => void;
  startEditing: (messageId: string | null) => void;
  askDelete: (messageId: string | null) => void;
}

export interface ErrorsSlice {
  /** The latest failure of a background action, shown until dismissed. */
  lastError: AppError | null;
  reportError: (error: AppError | null) => void;
}

export type Store = SessionSlice &
  ConnectionSlice &
  ChannelsSlice &
  UsersSlice &
  MessagesSlice &
  PendingSlice &
  OutboxSlice &
  SettingsSlice &
  NoticesSlice &
  ViewSlice &
  ComposerSlice &
  ErrorsSlice;
