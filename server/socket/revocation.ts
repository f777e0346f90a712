import { ServerEvents } from '../../common/protocol';
import { ServiceError } from '../errors';
import type { ChatSocket, SocketDeps } from './types';

/**
 * Ends sockets whose session an administrator revoked. Revocations are written to the database
 * (possibly by another process, the admin CLI), so the server polls the sessions of connected
 * sockets, and also checks before every event.
 */
export function startRevocationWatch(deps: SocketDeps, intervalMs: number): () => void {
  const timer = setInterval(() => {
    try {
      for (const socket of deps.io.of('/').sockets.values()) checkSession(deps, socket);
    } catch (error) {
      deps.log.error({ event: 'revocation.check_failed', err: error });
    }
  }, intervalMs);
  timer.unref();

  return () => clearInterval(timer);
}

/** Throws `session_revoked` (after ending the socket) when the socket's session was revoked. */
export function assertSessionLive(deps: SocketDeps, socket: ChatSocket): void {
  if (!checkSession(deps, socket)) {
    throw new ServiceError('session_revoked', 'This session was ended.');
  }
}

/** Returns false, and ends the socket, when its session is revoked or gone. */
function checkSession(deps: SocketDeps, socket: ChatSocket): boolean {
  if (socket.data.revoked) return false;

  const session = deps.store.sessions.byId(socket.data.sessionId);
  if (session && session.revokedAt === null) return true;

  // The administrator's own words, if any; the client puts them in its sentence.
  const reason = session?.revokeReason ?? '';
  socket.data.revoked = true;
  deps.log.info({
    event: 'session.revoked_live',
    sessionId: socket.data.sessionId,
    userId: socket.data.user.id,
    socketId: socket.id,
  });
  // The event is queued before the disconnect packet, so the client reads the reason first.
  socket.emit(ServerEvents.sessionRevoked, { reason });
  socket.disconnect(true);

  return false;
}
