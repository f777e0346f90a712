import type { ExtendedError } from 'socket.io';

import { HandshakeAuthSchema } from '../../common/protocol';
import type { AuthService } from '../auth/sessions';
import { ServiceError, toAppError } from '../errors';
import type { Logger } from '../log';
import { protocolMismatchMessage, supportsProtocol } from '../protocol-version';
import { TokenBucket } from './rate-limit';
import type { ChatSocket } from './types';

/** Per-socket limits: generous for people, tight enough to stop a runaway client. */
const EVENTS_BURST = 30;
const EVENTS_PER_SECOND = 20;
const TYPING_BURST = 5;
const TYPING_PER_SECOND = 1;

/**
 * Admits a socket only with a supported protocol version and a live session token. A refusal
 * reaches the client as `connect_error` whose message is the code and whose data is
 * `{ code, message }`.
 */
export function handshakeMiddleware(auth: AuthService, log: Logger) {
  return (socket: ChatSocket, next: (error?: ExtendedError) => void): void => {
    try {
      const raw = socket.handshake.auth as Record<string, unknown> | undefined;
      const version = raw?.protocolVersion;
      if (typeof version !== 'number' || !supportsProtocol(version)) {
        throw new ServiceError('protocol_mismatch', protocolMismatchMessage(version));
      }

      const parsed = HandshakeAuthSchema.safeParse(raw);
      if (!parsed.success) {
        throw new ServiceError('unauthorized', 'Log in first: the session token is missing.');
      }

      const session = auth.authenticate(parsed.data.token);
      socket.data = {
        user: session.user,
        sessionId: session.sessionId,
        buckets: {
          events: new TokenBucket(EVENTS_BURST, EVENTS_PER_SECOND),
          typing: new TokenBucket(TYPING_BURST, TYPING_PER_SECOND),
        },
        revoked: false,
      };
      next();
    } catch (error) {
      const appError = toAppError(error);
      log.info({ event: 'handshake.refused', code: appError.code, socketId: socket.id });
      const refusal: ExtendedError = new Error(appError.code);
      refusal.data = appError;
      next(refusal);
    }
  };
}
