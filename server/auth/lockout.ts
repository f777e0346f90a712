import { MINUTE_MS, type Clock } from '../clock';
import type { ServerConfig } from '../config';
import { ServiceError } from '../errors';
import type { Store } from '../store/store';
import type { UserRecord } from '../store/users';

/** Past this many unknown names tracked, the oldest are forgotten. */
const MAX_UNKNOWN_TRACKED = 10_000;

interface Tally {
  failures: number;
  lockedUntil: number | null;
}

/**
 * Failed-login lockout per account: after `maxFailures` failures the account is locked for
 * `minutes`. Known accounts keep their tally in the database (so a restart does not reset it);
 * unknown names are tallied in memory the same way, so the answers never tell an attacker
 * which usernames exist.
 */
export class Lockout {
  private readonly unknown = new Map<string, Tally>();

  constructor(
    private readonly store: Store,
    private readonly settings: ServerConfig['lockout'],
    private readonly now: Clock,
  ) {}

  /** Throws `account_locked` with `retryAt` while the account is locked. */
  assertUnlocked(username: string, user: UserRecord | null): void {
    const lockedUntil = user
      ? this.store.users.byId(user.id)?.lockedUntil
      : this.unknown.get(username)?.lockedUntil;
    const now = this.now();
    if (lockedUntil && lockedUntil > now) throw lockedError(lockedUntil, now);
  }

  /** Counts a failure; returns the lock's end when this failure locked the account. */
  recordFailure(username: string, user: UserRecord | null): number | null {
    const lockUntil = this.now() + this.settings.minutes * MINUTE_MS;
    if (user) return this.store.users.recordFailure(user.id, this.settings.maxFailures, lockUntil);

    const tally = this.unknown.get(username) ?? { failures: 0, lockedUntil: null };
    this.unknown.delete(username);
    tally.failures += 1;
    let locked: number | null = null;
    if (tally.failures >= this.settings.maxFailures) {
      tally.failures = 0;
      tally.lockedUntil = locked = lockUntil;
    }
    this.remember(username, tally);

    return locked;
  }

  reset(user: UserRecord): void {
    if (user.failedLogins !== 0 || user.lockedUntil !== null) {
      this.store.users.resetFailures(user.id);
    }
  }

  private remember(username: string, tally: Tally): void {
    if (this.unknown.size >= MAX_UNKNOWN_TRACKED) {
      const oldest = this.unknown.keys().next().value as string;
      this.unknown.delete(oldest);
    }
    this.unknown.set(username, tally);
  }
}

export function lockedError(lockedUntil: number, now: number): ServiceError {
  const minutes = Math.max(1, Math.ceil((lockedUntil - now) / MINUTE_MS));
  return new ServiceError(
    'account_locked',
    `Too many failed log-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    lockedUntil,
  );
}
