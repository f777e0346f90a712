import type { Server, Socket } from 'socket.io';

import type { User } from '../../common/protocol';
import type { Logger } from '../log';
import type { Store } from '../store/store';
import type { PresenceTracker } from './presence';
import type { TokenBucket } from './rate-limit';

/** What the handshake proves about a socket, plus its own rate limiters. */
export interface SocketData {
  user: User;
  sessionId: string;
  buckets: { events: TokenBucket; typing: TokenBucket };
  revoked: boolean;
}

// Events are typed by their zod schemas at the edge, so socket.io's own maps stay open.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Events = Record<string, (...args: any[]) => void>;
export type ChatServer = Server<Events, Events, Events, SocketData>;
export type ChatSocket = Socket<Events, Events, Events, SocketData>;

export interface SocketDeps {
  io: ChatServer;
  store: Store;
  presence: PresenceTracker;
  log: Logger;
}

export const channelRoom = (channelId: string) => `channel:${channelId}`;
export const userRoom = (userId: string) => `user:${userId}`;
