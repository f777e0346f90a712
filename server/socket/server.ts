import type { Server as HttpsServer } from 'node:https';

import { Server } from 'socket.io';

import { LIMITS } from '../../common/limits';
import type { ServerPolicy } from '../../common/policy';
import { ServerEvents, type Channel, type ReadyEvent } from '../../common/protocol';
import type { AuthService } from '../auth/sessions';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { AddressLimiter } from '../rate-limit';
import type { Store } from '../store/store';
import { bindHandlers } from './guard';
import { chatHandlers } from './handlers';
import { handshakeMiddleware } from './handshake';
import { isOversizeDrop } from './oversize';
import { PresenceTracker } from './presence';
import { startRevocationWatch } from './revocation';
import { channelRoom, userRoom, type ChatServer, type ChatSocket, type SocketDeps } from './types';

export interface ChatSocketServer {
  io: ChatServer;
  /** Puts a user's live sockets into a channel they were just added to. */
  memberAdded(channel: Channel, userId: string): void;
  /** Checks every live socket's session now: revoked ones are told and dropped at once. */
  checkSessions(): void;
  /** Stops the revocation watch; closing the sockets is the caller's `io.close()`. */
  stop(): void;
}

export function createChatSocketServer(options: {
  https: HttpsServer;
  store: Store;
  auth: AuthService;
  log: Logger;
  sessionCheckIntervalMs: number;
  connectsPerMinute: number;
  policy: ServerPolicy;
  now: Clock;
}): ChatSocketServer {
  const io: ChatServer = new Server(options.https, {
    // WebSocket only, as the design says: no long-polling fallback over plain HTTP requests.
    transports: ['websocket'],
    maxHttpBufferSize: LIMITS.socketPayloadBytes,
    serveClient: false,
    connectTimeout: 10_000,
  });
  const deps: SocketDeps = {
    io,
    store: options.store,
    auth: options.auth,
    presence: new PresenceTracker(),
    log: options.log,
    policy: options.policy,
  };

  io.use(
    handshakeMiddleware({
      auth: options.auth,
      log: options.log,
      connects: new AddressLimiter(options.connectsPerMinute, options.now),
      now: options.now,
    }),
  );
  io.on('connection', (socket) => onConnection(deps, socket));
  const watch = startRevocationWatch(deps, options.sessionCheckIntervalMs);

  return {
    io,
    memberAdded(channel, userId) {
      io.in(userRoom(userId)).socketsJoin(channelRoom(channel.id));
      io.to(userRoom(userId)).emit(ServerEvents.channelJoined, channel);
    },
    checkSessions: watch.sweep,
    stop: watch.stop,
  };
}

function onConnection(deps: SocketDeps, socket: ChatSocket): void {
  const { user, sessionId } = socket.data;
  const channels = deps.store.channels.ofUser(user.id);
  const users = deps.store.users.sharingChannelsWith(user.id);
  const rooms = channels.map((channel) => channelRoom(channel.id));

  void socket.join([userRoom(user.id), ...rooms]);
  bindHandlers(deps, socket, chatHandlers);
  const cameOnline = deps.presence.add(user.id);
  deps.log.info({ event: 'socket.connected', userId: user.id, sessionId, socketId: socket.id });

  const ready: ReadyEvent = {
    user,
    channels,
    users,
    online: deps.presence.onlineAmong(users.map((member) => member.id)),
    policy: deps.policy,
  };
  socket.emit(ServerEvents.ready, ready);
  if (cameOnline && rooms.length > 0) {
    socket.to(rooms).emit(ServerEvents.presence, { userId: user.id, online: true });
  }

  let lastRooms: string[] = [];
  socket.on('disconnecting', () => {
    lastRooms = [...socket.rooms].filter((room) => room.startsWith('channel:'));
  });
  socket.on('disconnect', (reason, description) => {
    if (isOversizeDrop(reason, description)) {
      deps.log.warn({
        event: 'socket.payload_too_large',
        userId: user.id,
        sessionId,
        socketId: socket.id,
      });
    }
    deps.log.info({ event: 'socket.disconnected', userId: user.id, socketId: socket.id, reason });
    if (deps.presence.remove(user.id) && lastRooms.length > 0) {
      deps.io.to(lastRooms).emit(ServerEvents.presence, { userId: user.id, online: false });
    }
  });
}
