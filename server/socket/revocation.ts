import { ServerEvents } from '../../common/protocol';
import { revocationCause } from '../auth/sessions';
import { ServiceError } from '../errors';
import type { SessionRecord } from '../store/sessions';
import type { ChatSocket, SocketDeps } from './types';

/**
 * Ends sockets whose session was revoked or expired. Revocations are written to the database
 * (possibly by another process, the admin CLI), so the server polls the sessions of connected
 * sockets, checks before every event, and sweeps at once when it revoked something itself.
 *
 * A revoked session's socket is told why (`session:revoked` with the administrator's words)
 * and then dropped. An expired one is dropped without an event: the client reconnects, and
 * the handshake refuses it with `session_expired` and a message saying which limit ended it.
 */
export function startRevocationWatch(
  deps: SocketDeps,
  intervalMs: number,
): { sweep(): void; stop(): void } {
  const sweep = () => {
    try {
      for (const socket of deps.io.of('/').sockets.values()) checkSession(deps, socket);
    } catch (error) {
      deps.log.error({ event: 'revocation.check_failed', err: error });
    }
  };
  const timer = setInterval(sweep, intervalMs);
  timer.unref();

  return { sweep, stop: () => clearInterval(timer) };
}

/**
 * Throws (after ending the socket) when the socket's session is no longer live; otherwise
 * records the activity, which keeps the session from going idle.
 */
export function assertSessionLive(deps: SocketDeps, socket: ChatSocket): void {
  const { session, ended } = checkSession(deps, socket);
  if (ended) throw ended;

  deps.auth.markUsed(session);
}

type Check = { session: SessionRecord; ended: null } | { session: null; ended: ServiceError };

/** Finds why the session ended, if it did, and then ends the socket (once). */
function checkSession(deps: SocketDeps, socket: ChatSocket): Check {
  const session = deps.store.sessions.byId(socket.data.sessionId);
  const ended = session
    ? deps.auth.sessionEnd(session)
    : new ServiceError('session_revoked', 'This session was ended.');
  if (!ended) return { session: session!, ended: null };
  if (socket.data.ended) return { session: null, ended };

  socket.data.ended = true;
  const fields = {
    sessionId: socket.data.sessionId,
    userId: socket.data.user.id,
    socketId: socket.id,
  };
  if (ended.code === 'session_revoked') {
    deps.log.info({ event: 'session.revoked_live', ...fields });
    // The administrator's own words, if any; the client puts them in its sentence. The event
    // is queued before the disconnect packet, so the client reads the reason first.
    const reason = session?.revokeReason ?? null;
    socket.emit(ServerEvents.sessionRevoked, {
      reason: reason ?? '',
      cause: revocationCause(reason),
    });
  } else {
    deps.log.info({ event: 'session.expired_live', ...fields });
  }
  socket.disconnect(true);

  return { session: null, ended };
}
