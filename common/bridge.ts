import { z } from 'zod';

import {
  BodySchema,
  ClientIdSchema,
  IdSchema,
  SeqSchema,
  TotpCodeSchema,
  UsernameSchema,
  type Channel,
  type HistoryPage,
  type Message,
  type User,
} from './protocol';
import type { BridgeOperation } from './bridge-channels';
import { LIMITS } from './limits';
import type { EffectivePolicy } from './policy';
import type { Result } from './result';

export {
  BRIDGE_CHANNELS,
  BRIDGE_EVENT_CHANNEL,
  BRIDGE_OPERATION_NAMES,
  type BridgeOperation,
} from './bridge-channels';

/**
 * The contract between the renderer and the main process. The preload exposes exactly these
 * operations as `window.parley.<name>(input)`, each on its own `area:verb` channel (see
 * bridge-channels.ts), plus one event subscription. Main parses every input with the schema
 * listed here before any work.
 */

/**
 * A server is named by its https origin alone: `https://host[:port]`, with an optional trailing
 * `/`. A path, query, fragment or user name would be silently dropped later (every request goes
 * to a fixed path on the origin), so it is refused here instead.
 */
function isServerOrigin(value: string): boolean {
  if (!URL.canParse(value) || /[\s?#@\\]/.test(value)) return false;
  const url = new URL(value);
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === ''
  );
}

export const ServerUrlSchema = z
  .string()
  .max(2_048)
  .refine(
    isServerOrigin,
    'Enter the server address as https:// and the host name, with an optional :port and nothing after it.',
  );

export const ConnectionStateSchema = z.enum(['connecting', 'online', 'reconnecting', 'offline']);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export interface ServerSummary {
  name: string;
  /** An https page to reset a password, opened in the system browser. */
  forgotPasswordUrl: string | null;
}

export interface SessionInfo {
  serverUrl: string;
  user: User;
}

/** A message written by this user that the server has not acknowledged yet. */
export interface OutboxEntry {
  clientId: string;
  channelId: string;
  body: string;
  createdAt: number;
  /** `pending` waits for a connection; `failed` waits for the user (retry or discard). */
  state: 'pending' | 'sending' | 'failed';
  error: string | null;
}

export type SendReceipt =
  | { clientId: string; state: 'sent'; message: Message }
  /** Stored in the outbox; delivered exactly once when the connection allows. */
  | { clientId: string; state: 'queued' };

export interface SearchHit {
  message: Message;
  channelName: string;
  authorName: string;
  /** The body split into plain-text runs; `match` marks the words that matched. */
  segments: { text: string; match: boolean }[];
}

export type ChannelNotificationMode = 'all' | 'mentions' | 'none';

export interface UpdateStatus {
  state: 'disabled' | 'idle' | 'checking' | 'available' | 'downloading' | 'ready' | 'error';
  version: string | null;
  message: string | null;
}

export interface Snapshot {
  session: SessionInfo | null;
  /** Why the last session ended when the user did not ask for it (revoked, expired), else null. */
  sessionEndReason: string | null;
  connection: ConnectionState;
  channels: Channel[];
  users: User[];
  online: string[];
  defaultServerUrl: string | null;
  outbox: OutboxEntry[];
  policy: EffectivePolicy;
  update: UpdateStatus;
  notificationModes: Record<string, ChannelNotificationMode>;
}

const EmptySchema = z.strictObject({});

/** The schema each operation's input must parse with, checked in main before any work. */
export const bridgeInputs = {
  login: z.strictObject({
    serverUrl: ServerUrlSchema,
    username: UsernameSchema,
    password: z.string().min(1).max(LIMITS.passwordChars),
    /** Keep the session token in the OS keychain for the next start (if policy allows). */
    remember: z.boolean().default(false),
    totpCode: TotpCodeSchema.optional(),
  }),
  logout: EmptySchema,
  getSnapshot: EmptySchema,
  /** What the log-in screen may show about a server before signing in. */
  getServerInfo: z.strictObject({ serverUrl: ServerUrlSchema }),
  loadMessages: z.strictObject({ channelId: IdSchema, beforeSeq: SeqSchema.optional() }),
  sendMessage: z.strictObject({ channelId: IdSchema, clientId: ClientIdSchema, body: BodySchema }),
  editMessage: z.strictObject({ messageId: IdSchema, body: BodySchema }),
  deleteMessage: z.strictObject({ messageId: IdSchema }),
  notifyTyping: z.strictObject({ channelId: IdSchema }),
  /** The person used the app just now (keys, pointer): keeps the session from idling out. */
  reportActivity: EmptySchema,
  searchMessages: z.strictObject({
    query: z.string().trim().min(1).max(200),
    channelId: IdSchema.optional(),
  }),
  retrySend: z.strictObject({ clientId: ClientIdSchema }),
  discardUnsent: z.strictObject({ clientId: ClientIdSchema }),
  rotateCacheKey: EmptySchema,
  /** What the user is looking at; no notifications for it while the window has focus. */
  setActiveChannel: z.strictObject({ channelId: IdSchema.nullable(), windowFocused: z.boolean() }),
  setChannelNotifications: z.strictObject({
    channelId: IdSchema,
    mode: z.enum(['all', 'mentions', 'none']),
  }),
  changePassword: z.strictObject({
    currentPassword: z.string().min(1).max(LIMITS.passwordChars),
    newPassword: z.string().min(1).max(LIMITS.passwordChars),
  }),
  installUpdate: EmptySchema,
} satisfies Record<BridgeOperation, z.ZodType>;

export type BridgeInput<K extends BridgeOperation> = z.input<(typeof bridgeInputs)[K]>;
export type ParsedBridgeInput<K extends BridgeOperation> = z.output<(typeof bridgeInputs)[K]>;

export interface BridgeOutputs {
  login: SessionInfo;
  logout: null;
  getSnapshot: Snapshot;
  getServerInfo: ServerSummary;
  loadMessages: HistoryPage;
  sendMessage: SendReceipt;
  editMessage: Message;
  deleteMessage: Message;
  notifyTyping: null;
  reportActivity: null;
  searchMessages: SearchHit[];
  retrySend: null;
  discardUnsent: null;
  rotateCacheKey: null;
  setActiveChannel: null;
  setChannelNotifications: null;
  changePassword: null;
  installUpdate: null;
}

export type BridgeEvent =
  | { type: 'connection'; state: ConnectionState }
  /** `session: null` means logged out; `reason` says why in plain words when it was not asked for. */
  | { type: 'session'; session: SessionInfo | null; reason: string | null }
  | { type: 'ready'; channels: Channel[]; users: User[]; online: string[] }
  | { type: 'channel'; channel: Channel }
  /** New, edited or deleted: the renderer upserts by id. */
  | { type: 'message'; message: Message }
  | { type: 'typing'; channelId: string; userId: string }
  | { type: 'presence'; userId: string; online: boolean }
  /** The whole outbox, whenever it changes. */
  | { type: 'outbox'; entries: OutboxEntry[] }
  | { type: 'policy'; policy: EffectivePolicy }
  | { type: 'update'; update: UpdateStatus }
  /** Open this channel and show this message (a notification or deep link was clicked). */
  | { type: 'focusMessage'; channelId: string; messageId: string }
  /** Something the user should know that is not an error of their last action. */
  | { type: 'notice'; level: 'info' | 'warning'; text: string };

export type BridgeEventListener = (events: BridgeEvent[]) => void;

export type ParleyBridge = {
  [K in BridgeOperation]: (input: BridgeInput<K>) => Promise<Result<BridgeOutputs[K]>>;
} & {
  /** Events arrive in batches; returns an unsubscribe function. */
  onEvents(listener: BridgeEventListener): () => void;
};

/** What the main process implements behind the bridge. Inputs arrive already parsed. */
export type BridgeHandlers = {
  [K in BridgeOperation]: (input: ParsedBridgeInput<K>) => Promise<Result<BridgeOutputs[K]>>;
};
