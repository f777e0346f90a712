import { z } from 'zod';

import { LIMITS } from '../../common/limits';
import { UsernameSchema, type Channel, type User } from '../../common/protocol';
import { hashPassword } from '../auth/password';
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
}

const CreateUserSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(LIMITS.displayNameChars),
  role: z.enum(['admin', 'member']),
  password: z.string().min(8, 'at least 8 characters').max(LIMITS.passwordChars),
});
const CreateChannelSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(LIMITS.channelNameChars)
    .regex(/^[a-z0-9._-]+$/, 'lowercase letters, digits, dot, dash and underscore only'),
  topic: z.string().max(500).default(''),
});
const ReasonSchema = z.string().trim().min(1).max(200);
const DEFAULT_REASON = 'revoked by an administrator';

export function createAdminCommands(store: Store, hooks: AdminHooks = {}): AdminCommands {
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
    },

    revokeUser(username, reason) {
      const user = findUser(username);
      return store.sessions.revokeAllOfUser(user.id, reasonOf(reason));
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
