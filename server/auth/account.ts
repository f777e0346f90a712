import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import { ServiceError } from '../errors';
import type { Logger } from '../log';
import type { Store } from '../store/store';
import type { Lockout } from './lockout';
import { MfaConfirmLimit, tooManyCodes } from './mfa-confirm-limit';
import { hashPassword, verifyPassword } from './password';
import { assertPasswordPolicy } from './password-policy';
import { PASSWORD_CHANGED_REASON } from './sessions';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp';

export interface AccountOptions {
  config: ServerConfig;
  lockout: Lockout;
  log: Logger;
  now: Clock;
  /** Called after sessions were revoked, so live sockets are told at once. */
  sessionsRevoked(): void;
}

export interface MfaEnrolment {
  secret: string;
  otpauthUri: string;
}

/** What a logged-in user does to their own account: change the password, set up TOTP. */
export class AccountService {
  private readonly confirmLimit: MfaConfirmLimit;

  constructor(
    private readonly store: Store,
    private readonly options: AccountOptions,
  ) {
    this.confirmLimit = new MfaConfirmLimit(options.now);
  }

  /**
   * Checks the current password (a wrong one counts towards lockout, so a stolen token cannot
   * be used to guess it), sets the new one, and ends every other session of the user.
   */
  async changePassword(
    session: { sessionId: string; userId: string },
    currentPassword: string,
    newPassword: string,
  ): Promise<number> {
    const { config, lockout, log } = this.options;
    const user = this.store.users.byId(session.userId);
    if (!user) throw new ServiceError('unauthorized', 'This session is not known. Log in again.');

    assertPasswordPolicy(newPassword, config.passwordPolicy);
    lockout.assertUnlocked(user.username, user);
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      log.warn({ event: 'auth.password_change_failed', userId: user.id });
      lockout.recordFailure(user.username, user);
      throw new ServiceError('bad_credentials', 'The current password is wrong.');
    }

    this.store.users.setPasswordHash(user.id, await hashPassword(newPassword));
    const revoked = this.store.sessions.revokeOthersOfUser(
      user.id,
      session.sessionId,
      PASSWORD_CHANGED_REASON,
    );
    log.info({ event: 'auth.password_changed', userId: user.id, revokedSessions: revoked });
    if (revoked > 0) this.options.sessionsRevoked();

    return revoked;
  }

  /**
   * Starts self-service enrolment: a new secret that becomes active once a code from it is
   * confirmed. Needs the current password (a wrong one counts towards lockout), so a stolen
   * session token cannot enrol the thief's authenticator and lock the real user out. Refused
   * when MFA is already active: replacing it takes an administrator.
   */
  async enrollMfa(userId: string, currentPassword: string): Promise<MfaEnrolment> {
    const { config, lockout, log } = this.options;
    const user = this.store.users.byId(userId);
    if (!user) throw new ServiceError('unauthorized', 'This session is not known. Log in again.');
    if (config.mfa === 'off') {
      throw new ServiceError(
        'forbidden',
        'Two-factor authentication is turned off on this server.',
      );
    }

    lockout.assertUnlocked(user.username, user);
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      log.warn({ event: 'mfa.enrolment_refused', userId: user.id, reason: 'password' });
      lockout.recordFailure(user.username, user);
      throw new ServiceError('bad_credentials', 'The current password is wrong.');
    }
    if (user.mfaSecret) {
      throw new ServiceError(
        'forbidden',
        'Two-factor authentication is already set up; ask your administrator to reset it.',
      );
    }
    this.confirmLimit.assertMayEnrol(user.id);

    const secret = newTotpSecret();
    this.store.users.setPendingMfaSecret(user.id, secret);
    this.confirmLimit.reset(user.id);
    log.info({ event: 'mfa.enrolment_started', userId: user.id });

    return { secret, otpauthUri: otpauthUri(user.username, config.name, secret) };
  }

  /**
   * Activates the pending secret when `code` is valid for it. The fifth wrong code discards the
   * pending enrolment and answers `rate_limited`.
   */
  confirmMfa(userId: string, code: string): void {
    const { log, now } = this.options;
    const user = this.store.users.byId(userId);
    if (!user) throw new ServiceError('unauthorized', 'This session is not known. Log in again.');
    if (!user.mfaPendingSecret) {
      throw new ServiceError('invalid_input', 'Start two-factor enrolment first.');
    }

    const counter = verifyTotp(user.mfaPendingSecret, code, now());
    if (counter === null) {
      log.info({ event: 'mfa.confirm_failed', userId: user.id });
      const cooldownUntil = this.confirmLimit.recordWrong(user.id);
      if (cooldownUntil !== null) {
        this.store.users.clearPendingMfaSecret(user.id);
        log.warn({ event: 'mfa.enrolment_discarded', userId: user.id });
        throw tooManyCodes(cooldownUntil);
      }
      throw new ServiceError(
        'invalid_input',
        'That code is not right. Check the time on the device with the authenticator app.',
      );
    }

    this.confirmLimit.reset(user.id);
    this.store.users.activateMfa(user.id, user.mfaPendingSecret, counter);
    log.info({ event: 'mfa.enrolled', userId: user.id, by: 'self' });
  }
}
