import type { ExtendedError } from 'socket.io';

import { HandshakeAuthSchema } from '../../common/protocol';
import type { AuthService } from '../auth/sessions';
import type { Clock } from '../clock';
import { ServiceError, toAppError } from '../errors';
import type { Logger } from '../log';
import { protocolVersionProblem } from '../protocol-version';
import { TokenBucket, type AddressLimiter } from '../rate-limit';
import type { ChatSocket } from './types';

/** Per-socket limits: generous for people, tight enough to stop a runaway client. */
const EVENTS_BURST = 30;
const EVENTS_PER_SECOND = 20;
const TYPING_BURST = 5;
const TYPING_PER_SECOND = 1;

export interface HandshakeDeps {
  auth: AuthService;
  log: Logger;
  /** Connection attempts per client address. */
  connects: AddressLimiter;
  now: Clock;
}

/**
 * Admits a socket only within its address's connect rate, with a supported protocol version
 * and a live session token. A refusal reaches the client as `connect_error` whose message is
 * the code and whose data is `{ code, message, retryAt? }`.
 */
export function handshakeMiddleware(deps: HandshakeDeps) {
  return (socket: ChatSocket, next: (error?: ExtendedError) => void): void => {
    const address = socket.handshake.address;
    try {
      const retryAt = deps.connects.take(address);
      if (retryAt !== null) {
        throw new ServiceError(
          'rate_limited',
          'Too many connections. Wait and try again.',
          retryAt,
        );
      }

      const raw = socket.handshake.auth as Record<string, unknown> | undefined;
      const mismatch = protocolVersionProblem(raw?.protocolVersion);
      if (mismatch !== null) throw new ServiceError('protocol_mismatch', mismatch);

      const parsed = HandshakeAuthSchema.safeParse(raw);
      if (!parsed.success) {
        throw new ServiceError('unauthorized', 'Log in first: the session token is missing.');
      }

      const session = deps.auth.authenticate(parsed.data.token);
      socket.data = {
        user: session.user,
        sessionId: session.sessionId,
        buckets: {
          events: new TokenBucket(EVENTS_BURST, EVENTS_PER_SECOND, deps.now),
          typing: new TokenBucket(TYPING_BURST, TYPING_PER_SECOND, deps.now),
        },
        ended: false,
      };
      next();
    } catch (error) {
      const appError = toAppError(error);
      deps.log.info({
        event: 'handshake.refused',
        code: appError.code,
        address,
        socketId: socket.id,
      });
      const refusal: ExtendedError = new Error(appError.code);
      refusal.data = appError;
      next(refusal);
    }
  };
}
