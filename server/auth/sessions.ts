import type { User } from '../../common/protocol';
import { ServiceError } from '../errors';
import type { Store } from '../store/store';
import { toWireUser } from '../store/users';
import { decoyHash, verifyPassword } from './password';
import { hashToken, newSessionToken } from './tokens';

export interface LoginResult {
  token: string;
  sessionId: string;
  user: User;
}

export interface AuthenticatedSession {
  sessionId: string;
  user: User;
}

const BAD_CREDENTIALS = 'Wrong username or password.';

/** Log in, log out, and resolve a token to its session. */
export class AuthService {
  constructor(private readonly store: Store) {}

  async login(username: string, password: string): Promise<LoginResult> {
    const user = this.store.users.byUsername(username);
    // Unknown users cost a full scrypt too, so timing does not reveal which usernames exist.
    const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !matches) throw new ServiceError('bad_credentials', BAD_CREDENTIALS);

    const token = newSessionToken();
    const session = this.store.sessions.create(user.id, hashToken(token));

    return { token, sessionId: session.id, user: toWireUser(user) };
  }

  /** Resolves a token to a live session, or throws with the code the client must see. */
  authenticate(token: string): AuthenticatedSession {
    const session = this.store.sessions.byTokenHash(hashToken(token));
    if (!session)
      throw new ServiceError('unauthorized', 'This session is not known. Log in again.');
    if (session.revokedAt !== null) {
      throw new ServiceError('session_revoked', revokedMessage(session.revokeReason));
    }

    const user = this.store.users.byId(session.userId);
    if (!user) throw new ServiceError('unauthorized', 'This session is not known. Log in again.');
    this.store.sessions.touch(session.id);

    return { sessionId: session.id, user: toWireUser(user) };
  }

  /** Ends the token's session; returns its id. */
  logout(token: string): string {
    const { sessionId } = this.authenticate(token);
    this.store.sessions.revoke(sessionId, 'logged out');

    return sessionId;
  }
}

export function revokedMessage(reason: string | null): string {
  return `This session was ended: ${reason ?? 'revoked by an administrator'}.`;
}
