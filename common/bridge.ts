import { z } from 'zod';

import {
  BodySchema,
  ClientIdSchema,
  IdSchema,
  SeqSchema,
  UsernameSchema,
  type Channel,
  type HistoryPage,
  type Message,
  type User,
} from './protocol';
import type { BridgeOperation } from './bridge-channels';
import { LIMITS } from './limits';
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

export const ServerUrlSchema = z
  .string()
  .max(2_048)
  .refine(
    (value) => URL.canParse(value) && new URL(value).protocol === 'https:',
    'the server address must be an https:// URL',
  );

export const ConnectionStateSchema = z.enum(['connecting', 'online', 'reconnecting', 'offline']);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export interface SessionInfo {
  serverUrl: string;
  user: User;
}

export interface Snapshot {
  session: SessionInfo | null;
  connection: ConnectionState;
  channels: Channel[];
  users: User[];
  online: string[];
  defaultServerUrl: string | null;
}

const EmptySchema = z.strictObject({});

/** The schema each operation's input must parse with, checked in main before any work. */
export const bridgeInputs = {
  login: z.strictObject({
    serverUrl: ServerUrlSchema,
    username: UsernameSchema,
    password: z.string().min(1).max(LIMITS.passwordChars),
  }),
  logout: EmptySchema,
  getSnapshot: EmptySchema,
  loadMessages: z.strictObject({ channelId: IdSchema, beforeSeq: SeqSchema.optional() }),
  sendMessage: z.strictObject({ channelId: IdSchema, clientId: ClientIdSchema, body: BodySchema }),
  editMessage: z.strictObject({ messageId: IdSchema, body: BodySchema }),
  deleteMessage: z.strictObject({ messageId: IdSchema }),
  notifyTyping: z.strictObject({ channelId: IdSchema }),
} satisfies Record<BridgeOperation, z.ZodType>;

export type BridgeInput<K extends BridgeOperation> = z.input<(typeof bridgeInputs)[K]>;
export type ParsedBridgeInput<K extends BridgeOperation> = z.output<(typeof bridgeInputs)[K]>;

export interface BridgeOutputs {
  login: SessionInfo;
  logout: null;
  getSnapshot: Snapshot;
  loadMessages: HistoryPage;
  sendMessage: Message;
  editMessage: Message;
  deleteMessage: Message;
  notifyTyping: null;
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
  | { type: 'presence'; userId: string; online: boolean };

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
