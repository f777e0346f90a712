import { z } from 'zod';

import { LIMITS } from './limits';
import { ServerPolicySchema } from './policy';
import { ERROR_CODES, REVOCATION_CAUSES } from './result';

/**
 * The wire protocol between the client core and the chat server.
 * REST (HTTPS, JSON) for what happens before a socket exists; socket.io (WebSocket transport
 * over TLS) for everything live. Every payload is parsed with these schemas on both sides.
 */
export const PROTOCOL_VERSION = 1;

export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
export const ClientIdSchema = z.uuid();
export const UsernameSchema = z
  .string()
  .min(1)
  .max(LIMITS.usernameChars)
  .regex(/^[a-z0-9._-]+$/, 'lowercase letters, digits, dot, dash and underscore only');

/**
 * C0 controls other than tab and line feed, DEL and the C1 controls. Bidi overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) are allowed: real right-to-left text uses them, and
 * the renderer isolates every body.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** A message body: tab and new line are the only control characters; never only whitespace. */
export const BodySchema = z
  .string()
  .min(1)
  .max(LIMITS.messageBodyChars)
  .refine((body) => !CONTROL_CHARACTERS.test(body), {
    message: 'Messages cannot contain control characters other than tab and new line.',
  })
  .refine((body) => /\S/.test(body), { message: 'Messages cannot be only spaces or blank lines.' });

export const SeqSchema = z.number().int().nonnegative();
export const TotpCodeSchema = z.string().regex(/^[0-9]{6}$/, 'six digits');

export const UserSchema = z.object({
  id: IdSchema,
  username: UsernameSchema,
  displayName: z.string().max(LIMITS.displayNameChars),
});
export type User = z.infer<typeof UserSchema>;

export const ChannelSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(LIMITS.channelNameChars),
  topic: z.string().max(500),
  /** Highest change sequence (see MessageSchema.rev) in this channel. */
  lastRev: SeqSchema,
});
export type Channel = z.infer<typeof ChannelSchema>;

/**
 * `seq` orders messages in their channel and never changes. `rev` is the channel's change
 * counter at the message's last change: it equals `seq` on creation and moves to a new, higher
 * value on every edit and delete. Catch-up asks for everything with a higher `rev`.
 */
export const MessageSchema = z.object({
  id: IdSchema,
  channelId: IdSchema,
  seq: SeqSchema,
  rev: SeqSchema,
  authorId: IdSchema,
  clientId: ClientIdSchema,
  /** Empty when deleted. */
  body: z.string().max(LIMITS.messageBodyChars),
  createdAt: z.number().int(),
  editedAt: z.number().int().nullable(),
  deleted: z.boolean(),
});
export type Message = z.infer<typeof MessageSchema>;

export const WireErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string().max(1_000),
  /** Epoch ms: when a locked account or a rate-limited client may try again. */
  retryAt: z.number().int().optional(),
  /** With `session_revoked`: an administrator, or the user's own password change. */
  cause: z.enum(REVOCATION_CAUSES).optional(),
});

export function ackSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: WireErrorSchema }),
  ]);
}

// ---- REST -------------------------------------------------------------------------------

/** GET /api/info */
export const ServerInfoSchema = z.object({
  name: z.string().max(200),
  protocolVersion: z.number().int().positive(),
  minProtocolVersion: z.number().int().positive(),
  /** Opened in the system browser; https only. */
  forgotPasswordUrl: z
    .url({ protocol: /^https$/ })
    .max(1_000)
    .optional(),
});
export type ServerInfo = z.infer<typeof ServerInfoSchema>;

/** POST /api/login */
export const LoginRequestSchema = z.object({
  username: UsernameSchema,
  password: z.string().min(1).max(LIMITS.passwordChars),
  protocolVersion: z.number().int().positive(),
  /** The current TOTP code, when the account has MFA; without it such a login answers 401 `mfa_required`. */
  totpCode: TotpCodeSchema.optional(),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const LoginResponseSchema = z.object({
  token: z.string().min(32).max(256),
  user: UserSchema,
  expiresAt: z.number().int().nullable(),
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/** Every REST error body: `{ error: { code, message } }` with a matching HTTP status. */
export const RestErrorSchema = z.object({ error: WireErrorSchema });

/**
 * POST /api/logout with `Authorization: Bearer <token>` answers 204.
 *
 * Status codes and error codes of every REST call: 400 `invalid_input`, 401 `bad_credentials`
 * or `mfa_required` (login) or `unauthorized` / `session_revoked` / `session_expired` (with a
 * token), 403 `forbidden`, 413 `too_large`, 422 `password_policy`, 423 `account_locked` and
 * 429 `rate_limited` (both with `retryAt` and a Retry-After header), 500 `server_error`.
 */

/** POST /api/password (Bearer): ends every other session of the user. 204 on success. */
export const ChangePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(LIMITS.passwordChars),
  newPassword: z.string().min(1).max(LIMITS.passwordChars),
});

/** GET /api/policy (Bearer): the server's policy for this user. */
export const ServerPolicyResponseSchema = ServerPolicySchema;

// ---- socket.io --------------------------------------------------------------------------

/** Sent as the handshake's `auth`. */
export const HandshakeAuthSchema = z.object({
  token: z.string().min(32).max(256),
  protocolVersion: z.number().int().positive(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>;

/**
 * A refused handshake arrives as `connect_error` whose `message` is one of these codes and whose
 * `data` parses with WireErrorSchema.
 */
export const HANDSHAKE_REFUSALS = [
  'unauthorized',
  'session_revoked',
  'session_expired',
  'protocol_mismatch',
  'rate_limited',
] as const;

export const ReadyEventSchema = z.object({
  user: UserSchema,
  channels: z.array(ChannelSchema).max(1_000),
  users: z.array(UserSchema).max(10_000),
  online: z.array(IdSchema).max(10_000),
  /** The server's policy, also at GET /api/policy. */
  policy: ServerPolicySchema.optional(),
});
export type ReadyEvent = z.infer<typeof ReadyEventSchema>;

export const SendMessageRequestSchema = z.object({
  channelId: IdSchema,
  clientId: ClientIdSchema,
  body: BodySchema,
});
export const EditMessageRequestSchema = z.object({ messageId: IdSchema, body: BodySchema });
export const DeleteMessageRequestSchema = z.object({ messageId: IdSchema });
export const HistoryRequestSchema = z.object({
  channelId: IdSchema,
  /** Messages with seq strictly below this; omitted for the newest page. */
  beforeSeq: SeqSchema.optional(),
  limit: z.number().int().min(1).max(LIMITS.historyPageMax),
});
export const HistoryPageSchema = z.object({
  /** Ascending by seq. */
  messages: z.array(MessageSchema).max(LIMITS.historyPageMax),
  hasMore: z.boolean(),
});
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

export const SyncRequestSchema = z.object({
  /** Channel id to the highest `rev` the client has seen there. */
  cursors: z.record(IdSchema, SeqSchema),
});
export const SyncResponseSchema = z.object({
  /** Ascending by rev within each channel; at most LIMITS.syncBatchMax in all. */
  changes: z.array(MessageSchema).max(LIMITS.syncBatchMax),
  /** True when more changes remain: ask again with the advanced cursors. */
  hasMore: z.boolean(),
});
export type SyncResponse = z.infer<typeof SyncResponseSchema>;

export const TypingRequestSchema = z.object({ channelId: IdSchema });
export const ActivityRequestSchema = z.strictObject({});
export const TypingEventSchema = z.object({ channelId: IdSchema, userId: IdSchema });
export const PresenceEventSchema = z.object({ userId: IdSchema, online: z.boolean() });
/** `reason` is the administrator's own words, or empty. */
export const SessionRevokedEventSchema = z.object({
  reason: z.string().max(500),
  cause: z.enum(REVOCATION_CAUSES).default('administrator'),
});

/** Client-to-server events; each is acknowledged with `ackSchema(<response>)`. */
export const ClientEvents = {
  send: 'message:send',
  edit: 'message:edit',
  delete: 'message:delete',
  history: 'history:page',
  sync: 'sync:since',
  /** Not acknowledged. */
  typing: 'typing',
  /**
   * Not acknowledged. The person at the keyboard did something in the app recently: it keeps the
   * session from ending by the idle timeout while they only read. Sent at most once a minute.
   */
  activity: 'activity',
} as const;

/** Server-to-client events. */
export const ServerEvents = {
  ready: 'ready',
  messageNew: 'message:new',
  messageEdited: 'message:edited',
  messageDeleted: 'message:deleted',
  channelJoined: 'channel:joined',
  typing: 'typing',
  presence: 'presence',
  sessionRevoked: 'session:revoked',
} as const;
