import { MINUTE_MS, type Clock } from '../clock';
import { ServiceError } from '../errors';

/** Wrong codes allowed per pending enrolment; the last one discards it. */
export const MAX_WRONG_MFA_CODES = 5;
/** How long a user whose enrolment was discarded waits before starting another. */
export const MFA_COOLDOWN_MS = MINUTE_MS;

/**
 * Counts wrong confirmation codes per user, in memory. Guessing a six-digit code needs far more
 * than five tries, so an enrolment that sees that many wrong codes is discarded and the user
 * waits a minute before starting again (which also takes the password).
 */
export class MfaConfirmLimit {
  private readonly wrongCodes = new Map<string, number>();
  private readonly cooldowns = new Map<string, number>();

  constructor(private readonly now: Clock) {}

  /** Throws `rate_limited` with `retryAt` while the user's last enrolment is cooling down. */
  assertMayEnrol(userId: string): void {
    const until = this.cooldowns.get(userId);
    if (until === undefined) return;
    if (until <= this.now()) {
      this.cooldowns.delete(userId);
      return;
    }
    throw tooManyCodes(until);
  }

  /** Counts a wrong code; returns the cooldown's end when this one used up the attempts. */
  recordWrong(userId: string): number | null {
    const wrong = (this.wrongCodes.get(userId) ?? 0) + 1;
    if (wrong < MAX_WRONG_MFA_CODES) {
      this.wrongCodes.set(userId, wrong);
      return null;
    }

    this.wrongCodes.delete(userId);
    const until = this.now() + MFA_COOLDOWN_MS;
    this.cooldowns.set(userId, until);
    return until;
  }

  /** A new or finished enrolment starts with a clean count. */
  reset(userId: string): void {
    this.wrongCodes.delete(userId);
  }
}

export function tooManyCodes(retryAt: number): ServiceError {
  return new ServiceError(
    'rate_limited',
    'Too many wrong codes, so two-factor set-up was cancelled. Wait a minute and start again.',
    retryAt,
  );
}
