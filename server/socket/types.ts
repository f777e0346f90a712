import type { Server, Socket } from 'socket.io';

import type { ServerPolicy } from '../../common/policy';
import type { User } from '../../common/protocol';
import type { AuthService } from '../auth/sessions';
import type { Logger } from '../log';
import type { TokenBucket } from '../rate-limit';
import type { Store } from '../store/store';
import type { PresenceTracker } from './presence';

/** What the handshake proves about a socket, plus its own rate limiters. */
export interface SocketData {
  user: User;
  sessionId: string;
  buckets: { events: TokenBucket; typing: TokenBucket };
  /** Set once the socket's session was found revoked or expired and the socket was ended. */
  ended: boolean;
}

// Events are typed by their zod schemas at the edge, so socket.io's own maps stay open.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Events = Record<string, (...args: any[]) => void>;
export type ChatServer = Server<Events, Events, Events, SocketData>;
export type ChatSocket = Socket<Events, Events, Events, SocketData>;

export interface SocketDeps {
  io: ChatServer;
  store: Store;
  auth: AuthService;
  presence: PresenceTracker;
  log: Logger;
  policy: ServerPolicy;
}

export const channelRoom = (channelId: string) => `channel:${channelId}`;
export const userRoom = (userId: string) => `user:${userId}`;
