import type { User } from '../../common/protocol';
import { systemClock, type Clock } from '../clock';
import type { Db } from './db';
import { newId } from './ids';

export type Role = 'admin' | 'member';

/**
 * A user as the server knows them. `mfaSecret` is the base32 TOTP secret once enrolment is
 * active; `mfaLastCounter` is the last TOTP time step accepted, so a code is never used twice.
 */
export interface UserRecord extends User {
  role: Role;
  passwordHash: string;
  mfaSecret: string | null;
  mfaPendingSecret: string | null;
  mfaLastCounter: number | null;
  failedLogins: number;
  lockedUntil: number | null;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  mfa_secret: string | null;
  mfa_pending_secret: string | null;
  mfa_last_counter: number | null;
  failed_logins: number;
  locked_until: number | null;
}

const COLUMNS = [
  'id',
  'username',
  'display_name',
  'role',
  'password_hash',
  'mfa_secret',
  'mfa_pending_secret',
  'mfa_last_counter',
  'failed_logins',
  'locked_until',
].join(', ');

export class UserStore {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = systemClock,
  ) {}

  create(input: { username: string; displayName: string; role: Role; passwordHash: string }) {
    const id = newId('u');
    this.db
      .prepare(
        `INSERT INTO users (id, username, display_name, role, password_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.username, input.displayName, input.role, input.passwordHash, this.now());

    return this.byId(id)!;
  }

  byId(id: string): UserRecord | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id);
    return row ? toRecord(row as UserRow) : null;
  }

  byUsername(username: string): UserRecord | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM users WHERE username = ?`).get(username);
    return row ? toRecord(row as UserRow) : null;
  }

  list(): UserRecord[] {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM users ORDER BY username`).all();
    return (rows as UserRow[]).map(toRecord);
  }

  /** The user and everyone who shares at least one channel with them. */
  sharingChannelsWith(userId: string): User[] {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT u.id, u.username, u.display_name
         FROM users u JOIN members m ON m.user_id = u.id
         WHERE m.channel_id IN (SELECT channel_id FROM members WHERE user_id = ?)
            OR u.id = ?
         ORDER BY u.username`,
      )
      .all(userId, userId) as Pick<UserRow, 'id' | 'username' | 'display_name'>[];

    return rows.map((row) => ({
      id: row.id,
      username: row.username,
      displayName: row.display_name,
    }));
  }

  setPasswordHash(userId: string, passwordHash: string): void {
    this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
  }

  // ---- failed-login lockout ---------------------------------------------------------------

  /** Counts a failure; at `maxFailures` locks until `lockUntil` and starts the count afresh. */
  recordFailure(userId: string, maxFailures: number, lockUntil: number): number | null {
    const row = this.db
      .prepare(
        `UPDATE users SET
           locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,
           failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END
         WHERE id = ? RETURNING locked_until`,
      )
      .get(maxFailures, lockUntil, maxFailures, userId) as { locked_until: number | null };

    return row.locked_until === lockUntil ? lockUntil : null;
  }

  resetFailures(userId: string): void {
    this.db
      .prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?')
      .run(userId);
  }

  // ---- TOTP -------------------------------------------------------------------------------

  /** Starts (or restarts) a self-service enrolment; the active secret, if any, is untouched. */
  setPendingMfaSecret(userId: string, secret: string): void {
    this.db.prepare('UPDATE users SET mfa_pending_secret = ? WHERE id = ?').run(secret, userId);
  }

  /** Discards a self-service enrolment that was never confirmed; the active secret stays. */
  clearPendingMfaSecret(userId: string): void {
    this.db.prepare('UPDATE users SET mfa_pending_secret = NULL WHERE id = ?').run(userId);
  }

  /** Makes `secret` the active one; `usedCounter` is the time step of the code that proved it. */
  activateMfa(userId: string, secret: string, usedCounter: number | null): void {
    this.db
      .prepare(
        `UPDATE users SET mfa_secret = ?, mfa_pending_secret = NULL, mfa_last_counter = ?
         WHERE id = ?`,
      )
      .run(secret, usedCounter, userId);
  }

  clearMfa(userId: string): void {
    this.db
      .prepare(
        `UPDATE users SET mfa_secret = NULL, mfa_pending_secret = NULL, mfa_last_counter = NULL
         WHERE id = ?`,
      )
      .run(userId);
  }

  /**
   * Records that the code of time step `counter` was used. False when that step (or a later
   * one) was used already: the code is a replay. Atomic, so two racing logins cannot both win.
   */
  claimMfaCounter(userId: string, counter: number): boolean {
    const result = this.db
      .prepare(
        `UPDATE users SET mfa_last_counter = ?
         WHERE id = ? AND (mfa_last_counter IS NULL OR mfa_last_counter < ?)`,
      )
      .run(counter, userId, counter);

    return result.changes > 0;
  }
}

export function toWireUser(user: UserRecord): User {
  return { id: user.id, username: user.username, displayName: user.displayName };
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    passwordHash: row.password_hash,
    mfaSecret: row.mfa_secret,
    mfaPendingSecret: row.mfa_pending_secret,
    mfaLastCounter: row.mfa_last_counter,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
  };
}
