import type { User } from '../../common/protocol';
import type { RevocationCause } from '../../common/result';
import { MINUTE_MS, type Clock } from '../clock';
import type { ServerConfig } from '../config';
import { ServiceError } from '../errors';
import type { Logger } from '../log';
import type { SessionRecord } from '../store/sessions';
import type { Store } from '../store/store';
import { toWireUser, type Role, type UserRecord } from '../store/users';
import type { Lockout } from './lockout';
import { decoyHash, verifyPassword } from './password';
import { hashToken, newSessionToken } from './tokens';
import { verifyTotp } from './totp';

export interface LoginInput {
  username: string;
  password: string;
  totpCode?: string;
  /** The client's address, for the audit log. */
  address: string;
}

export interface LoginResult {
  token: string;
  sessionId: string;
  user: User;
  expiresAt: number;
}

export interface AuthenticatedSession {
  sessionId: string;
  user: User;
  role: Role;
  expiresAt: number;
}

export interface AuthOptions {
  config: ServerConfig;
  lockout: Lockout;
  log: Logger;
  now: Clock;
}

const BAD_CREDENTIALS = 'Wrong username or password.';
const BAD_CODE = 'That two-factor code is wrong or was already used.';
const MFA_REQUIRED = 'Enter the six-digit code from your authenticator app.';
const MFA_NOT_ENROLLED =
  'Your organisation requires two-factor authentication; ask your administrator to enrol you.';
const UNKNOWN_SESSION = 'This session is not known. Log in again.';

/** Log in, log out, and resolve a token to its session. */
export class AuthService {
  private readonly ttlMs: number;
  private readonly idleMs: number;
  /** lastSeenAt is written at most this often per session: idle checks are this coarse. */
  private readonly touchEveryMs: number;

  constructor(
    private readonly store: Store,
    private readonly options: AuthOptions,
  ) {
    this.ttlMs = options.config.sessionTtlMinutes * MINUTE_MS;
    this.idleMs = options.config.idleTimeoutMinutes * MINUTE_MS;
    this.touchEveryMs = Math.min(MINUTE_MS, this.idleMs / 10);
  }

  /**
   * Password first, then (for an MFA account) the TOTP code. Lockout is checked before and
   * after the password hash, so a burst of parallel guesses cannot outrun it; an unknown user
   * costs a full scrypt and is tallied the same way, so answers and timing do not reveal which
   * usernames exist. Only a fully successful login resets the failure count.
   */
  async login(input: LoginInput): Promise<LoginResult> {
    const { lockout, log } = this.options;
    const user = this.store.users.byUsername(input.username);
    const audit = { userId: user?.id, knownUser: user !== null, address: input.address };

    lockout.assertUnlocked(input.username, user);
    const matches = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
    lockout.assertUnlocked(input.username, user);
    if (!user || !matches) {
      this.fail(input.username, user, { ...audit, reason: 'password' });
      throw new ServiceError('bad_credentials', BAD_CREDENTIALS);
    }

    this.secondFactor(user, input, audit);
    lockout.reset(user);

    const token = newSessionToken();
    const session = this.store.sessions.create(user.id, hashToken(token));
    log.info({
      event: 'auth.login',
      userId: user.id,
      sessionId: session.id,
      address: input.address,
    });

    return {
      token,
      sessionId: session.id,
      user: toWireUser(user),
      expiresAt: session.createdAt + this.ttlMs,
    };
  }

  /** Resolves a token to a live session, or throws with the code the client must see. */
  authenticate(token: string): AuthenticatedSession {
    const session = this.store.sessions.byTokenHash(hashToken(token));
    if (!session) throw new ServiceError('unauthorized', UNKNOWN_SESSION);

    const ended = this.sessionEnd(session);
    if (ended) throw ended;
    const user = this.store.users.byId(session.userId);
    if (!user) throw new ServiceError('unauthorized', UNKNOWN_SESSION);
    this.markUsed(session);

    return {
      sessionId: session.id,
      user: toWireUser(user),
      role: user.role,
      expiresAt: session.createdAt + this.ttlMs,
    };
  }

  /** Why the session may no longer be used (revoked, expired, idle), or null while it is live. */
  sessionEnd(session: SessionRecord): ServiceError | null {
    if (session.revokedAt !== null) {
      const { revokeReason } = session;
      return new ServiceError(
        'session_revoked',
        revokedMessage(revokeReason),
        undefined,
        revocationCause(revokeReason),
      );
    }

    const now = this.options.now();
    const { sessionTtlMinutes, idleTimeoutMinutes } = this.options.config;
    if (now >= session.createdAt + this.ttlMs) {
      return new ServiceError(
        'session_expired',
        `Your session expired after ${inWords(sessionTtlMinutes)}.`,
      );
    }
    if (now >= session.lastSeenAt + this.idleMs) {
      return new ServiceError(
        'session_expired',
        `Your session expired after ${inWords(idleTimeoutMinutes)} without activity.`,
      );
    }
    return null;
  }

  /** For administrators: when the session ends at the latest, and its state now. */
  status(session: SessionRecord): { expiresAt: number; state: 'live' | 'revoked' | 'expired' } {
    const ended = this.sessionEnd(session);
    const state = !ended ? 'live' : ended.code === 'session_revoked' ? 'revoked' : 'expired';

    return { expiresAt: session.createdAt + this.ttlMs, state };
  }

  /** Records use of a live session; writes are throttled to one per `touchEveryMs`. */
  markUsed(session: SessionRecord): void {
    if (this.options.now() - session.lastSeenAt >= this.touchEveryMs) {
      this.store.sessions.touch(session.id);
    }
  }

  /** Ends the session (log out): its token is refused from then on. */
  logout(sessionId: string): void {
    this.store.sessions.revoke(sessionId, 'logged out');
  }

  private secondFactor(user: UserRecord, input: LoginInput, audit: Record<string, unknown>) {
    const { config, log, now } = this.options;
    if (config.mfa === 'off') return;

    if (!user.mfaSecret) {
      if (config.mfa !== 'required') return;
      log.warn({ event: 'auth.mfa_not_enrolled', ...audit });
      throw new ServiceError('forbidden', MFA_NOT_ENROLLED);
    }
    if (input.totpCode === undefined) {
      log.info({ event: 'auth.mfa_required', ...audit });
      throw new ServiceError('mfa_required', MFA_REQUIRED);
    }

    const counter = verifyTotp(user.mfaSecret, input.totpCode, now());
    if (counter === null || !this.store.users.claimMfaCounter(user.id, counter)) {
      const reason = counter === null ? 'totp' : 'totp_replay';
      this.fail(input.username, user, { ...audit, reason });
      throw new ServiceError('bad_credentials', BAD_CODE);
    }
  }

  private fail(username: string, user: UserRecord | null, audit: Record<string, unknown>): void {
    const { lockout, log } = this.options;
    log.warn({ event: 'auth.login_failed', ...audit });

    const lockedUntil = lockout.recordFailure(username, user);
    if (lockedUntil !== null) log.warn({ event: 'auth.account_locked', ...audit, lockedUntil });
  }
}

/** The stored reason of the sessions a password change ends. */
export const PASSWORD_CHANGED_REASON = 'Password changed';

export function revokedMessage(reason: string | null): string {
  return `This session was ended: ${reason ?? 'revoked by an administrator'}.`;
}

export function revocationCause(reason: string | null): RevocationCause {
  return reason === PASSWORD_CHANGED_REASON ? 'password_changed' : 'administrator';
}

/** 720 → "12 hours", 30 → "30 minutes", 90 → "1 hour and 30 minutes". */
export function inWords(minutes: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return unit(rest, 'minute');
  if (rest === 0) return unit(hours, 'hour');

  return `${unit(hours, 'hour')} and ${unit(rest, 'minute')}`;
}
