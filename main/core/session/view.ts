import type { ConnectionState, SessionInfo, Snapshot } from '../../../common/bridge';
import type { Channel, ReadyEvent, User } from '../../../common/protocol';

/** The part of the snapshot the session owns; the core adds outbox, policy and the rest. */
export type SessionSnapshot = Omit<Snapshot, 'outbox' | 'policy' | 'update' | 'notificationModes'>;

/** The core's own picture of the session, kept current from server events for getSnapshot. */
export interface SessionView {
  snapshot(): SessionSnapshot;
  session(): SessionInfo | null;
  setSession(session: SessionInfo | null): void;
  setConnection(state: ConnectionState): void;
  applyReady(ready: ReadyEvent): void;
  upsertChannel(channel: Channel): void;
  /** True for a channel the user belongs to (from `ready` or `channel:joined`). */
  hasChannel(channelId: string): boolean;
  /** Raises a channel's lastRev when a newer change is seen. */
  noteRev(channelId: string, rev: number): void;
  setPresence(userId: string, online: boolean): void;
  /** Forgets everything about the account (session ended), keeping why it ended, if it was not asked for. */
  clear(endReason?: string | null): void;
}

export function createSessionView(defaultServerUrl: string | null): SessionView {
  let session: SessionInfo | null = null;
  let connection: ConnectionState = 'offline';
  let channels = new Map<string, Channel>();
  let users: User[] = [];
  let online = new Set<string>();
  let sessionEndReason: string | null = null;

  return {
    snapshot: () => ({
      session: session && { serverUrl: session.serverUrl, user: { ...session.user } },
      sessionEndReason,
      connection,
      channels: [...channels.values()].map((channel) => ({ ...channel })),
      users: users.map((user) => ({ ...user })),
      online: [...online],
      defaultServerUrl,
    }),
    session: () => session,
    setSession(next) {
      session = next;
      if (next) sessionEndReason = null;
    },
    setConnection(state) {
      connection = state;
    },
    applyReady(ready) {
      channels = new Map(ready.channels.map((channel) => [channel.id, { ...channel }]));
      users = ready.users.map((user) => ({ ...user }));
      online = new Set(ready.online);
    },
    upsertChannel(channel) {
      channels.set(channel.id, { ...channel });
    },
    hasChannel: (channelId) => channels.has(channelId),
    noteRev(channelId, rev) {
      const channel = channels.get(channelId);
      if (channel && rev > channel.lastRev) channel.lastRev = rev;
    },
    setPresence(userId, isOnline) {
      if (isOnline) online.add(userId);
      else online.delete(userId);
    },
    clear(endReason = null) {
      session = null;
      sessionEndReason = endReason;
      channels = new Map();
      users = [];
      online = new Set();
    },
  };
}
