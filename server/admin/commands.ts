import { z } from 'zod';

import { LIMITS } from '../../common/limits';
import { UsernameSchema, type Channel, type User } from '../../common/protocol';
import { hashPassword } from '../auth/password';
import { assertPasswordPolicy } from '../auth/password-policy';
import { newTotpSecret, otpauthUri } from '../auth/totp';
import { parseConfig, type ServerConfig } from '../config';
import { ServiceError } from '../errors';
import type { SessionListing } from '../store/sessions';
import type { Store } from '../store/store';
import { toWireUser, type Role } from '../store/users';

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export interface CreateChannelInput {
  name: string;
  topic?: string;
}

/** What the running server wants to hear about, so live sockets follow admin changes. */
export interface AdminHooks {
  memberAdded?(channel: Channel, userId: string): void;
  /** Sessions were revoked: tell their live sockets now rather than at the next poll. */
  sessionsRevoked?(): void;
}

/** What the commands take from the server configuration. */
export type AdminSettings = Pick<ServerConfig, 'passwordPolicy' | 'name'>;

export interface MfaSecret {
  secret: string;
  otpauthUri: string;
}

export type AdminUser = User & { role: Role };

/**
 * Administrator commands over the store: the CLI and the programmatic API use this same object.
 * Revocations only write to the database; the running server notices them within a second.
 */
export interface AdminCommands {
  createUser(input: CreateUserInput): Promise<AdminUser>;
  createChannel(input: CreateChannelInput): Channel;
  addMember(input: { channelId: string; userId: string }): void;
  findUser(username: string): AdminUser;
  findChannel(name: string): Channel;
  listUsers(): AdminUser[];
  listChannels(): Channel[];
  listSessions(): SessionListing[];
  revokeSession(sessionId: string, reason?: string): void;
  /** Revokes every live session of the user; returns the revoked session ids' count. */
  revokeUser(username: string, reason?: string): number;
  /** Revokes every live session on the server; returns how many. */
  revokeAll(reason?: string): number;
  /** Enrols the user in TOTP at once (replacing any secret) and returns the new secret. */
  enrollMfa(username: string): MfaSecret;
  /** Removes the user's TOTP, e.g. after a lost phone; they may enrol again. */
  resetMfa(username: string): void;
}

const CreateUserSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(LIMITS.displayNameChars),
  role: z.enum(['admin', 'member']),
  password: z.string().max(LIMITS.passwordChars),
});
const CreateChannelSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(LIMITS.channelNameChars)
    .regex(/^[a-z0-9._-]+$/, 'lowercase letters, digits, dot, dash and underscore only'),
  topic: z.string().max(500).default(''),
});
export const ReasonSchema = z.string().trim().min(1).max(200);
const DEFAULT_REASON = 'revoked by an administrator';

export function createAdminCommands(
  store: Store,
  hooks: AdminHooks = {},
  settings: AdminSettings = parseConfig({}),
): AdminCommands {
  const findUser = (username: string): AdminUser => {
    const user = store.users.byUsername(username);
    if (!user) throw new ServiceError('not_found', `No user named "${username}".`);
    return { ...toWireUser(user), role: user.role };
  };

  return {
    async createUser(input) {
      const valid = parse(CreateUserSchema, input);
      if (store.users.byUsername(valid.username)) {
        throw new ServiceError('invalid_input', `The username "${valid.username}" is taken.`);
      }
      assertPasswordPolicy(valid.password, settings.passwordPolicy);
      const passwordHash = await hashPassword(valid.password);
      const user = store.users.create({ ...valid, passwordHash });

      return { ...toWireUser(user), role: user.role };
    },

    createChannel(input) {
      const valid = parse(CreateChannelSchema, input);
      if (store.channels.byName(valid.name)) {
        throw new ServiceError('invalid_input', `A channel named "${valid.name}" exists.`);
      }
      return store.channels.create(valid);
    },

    addMember({ channelId, userId }) {
      const channel = store.channels.byId(channelId);
      if (!channel) throw new ServiceError('not_found', `No channel with id ${channelId}.`);
      if (!store.users.byId(userId)) {
        throw new ServiceError('not_found', `No user with id ${userId}.`);
      }
      if (store.channels.addMember(channelId, userId)) hooks.memberAdded?.(channel, userId);
    },

    findUser,

    findChannel(name) {
      const channel = store.channels.byName(name.replace(/^#/, ''));
      if (!channel) throw new ServiceError('not_found', `No channel named "${name}".`);
      return channel;
    },

    listUsers: () => store.users.list().map((user) => ({ ...toWireUser(user), role: user.role })),
    listChannels: () => store.channels.list(),
    listSessions: () => store.sessions.list(),

    revokeSession(sessionId, reason) {
      const session = store.sessions.byId(sessionId);
      if (!session) throw new ServiceError('not_found', `No session with id ${sessionId}.`);
      if (session.revokedAt !== null) {
        throw new ServiceError('invalid_input', `Session ${sessionId} is already revoked.`);
      }
      store.sessions.revoke(sessionId, reasonOf(reason));
      hooks.sessionsRevoked?.();
    },

    revokeUser(username, reason) {
      const user = findUser(username);
      const count = store.sessions.revokeAllOfUser(user.id, reasonOf(reason));
      if (count > 0) hooks.sessionsRevoked?.();
      return count;
    },

    revokeAll(reason) {
      const count = store.sessions.revokeAll(reasonOf(reason));
      if (count > 0) hooks.sessionsRevoked?.();
      return count;
    },

    enrollMfa(username) {
      const user = findUser(username);
      const secret = newTotpSecret();
      store.users.activateMfa(user.id, secret, null);
      return { secret, otpauthUri: otpauthUri(user.username, settings.name, secret) };
    },

    resetMfa(username) {
      store.users.clearMfa(findUser(username).id);
    },
  };
}

function reasonOf(reason: string | undefined): string {
  return reason === undefined ? DEFAULT_REASON : parse(ReasonSchema, reason);
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new ServiceError('invalid_input', `${where}${issue?.message ?? 'invalid input'}`);
}
