import { systemClock, type Clock } from '../clock';
import type { Db } from './db';
import { newId } from './ids';

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  revokedAt: number | null;
  revokeReason: string | null;
}

/** A session as listed for administrators: never the token or its hash. */
export interface SessionListing extends SessionRecord {
  username: string;
}

interface SessionRow {
  id: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  revoked_at: number | null;
  revoke_reason: string | null;
}

const COLUMNS = 'id, user_id, created_at, last_seen_at, revoked_at, revoke_reason';

/** Sessions are looked up by the SHA-256 of their token; the token itself is never stored. */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = systemClock,
  ) {}

  create(userId: string, tokenHash: string): SessionRecord {
    const id = newId('s');
    const now = this.now();
    this.db
      .prepare(
        `INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(id, userId, tokenHash, now, now);

    return this.byId(id)!;
  }

  byId(id: string): SessionRecord | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM sessions WHERE id = ?`).get(id);
    return row ? toRecord(row as SessionRow) : null;
  }

  byTokenHash(tokenHash: string): SessionRecord | null {
    const row = this.db
      .prepare(`SELECT ${COLUMNS} FROM sessions WHERE token_hash = ?`)
      .get(tokenHash);
    return row ? toRecord(row as SessionRow) : null;
  }

  touch(id: string): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(this.now(), id);
  }

  list(): SessionListing[] {
    const rows = this.db
      .prepare(
        `SELECT s.id, s.user_id, s.created_at, s.last_seen_at, s.revoked_at, s.revoke_reason,
                u.username
         FROM sessions s JOIN users u ON u.id = s.user_id
         ORDER BY s.created_at`,
      )
      .all() as (SessionRow & { username: string })[];

    return rows.map((row) => ({ ...toRecord(row), username: row.username }));
  }

  /** Marks the session revoked; returns false when it was unknown or already revoked. */
  revoke(id: string, reason: string): boolean {
    const result = this.db
      .prepare(
        `UPDATE sessions SET revoked_at = ?, revoke_reason = ?
         WHERE id = ? AND revoked_at IS NULL`,
      )
      .run(this.now(), reason, id);

    return result.changes > 0;
  }

  /** Revokes every live session of the user; returns how many were revoked. */
  revokeAllOfUser(userId: string, reason: string): number {
    const result = this.db
      .prepare(
        `UPDATE sessions SET revoked_at = ?, revoke_reason = ?
         WHERE user_id = ? AND revoked_at IS NULL`,
      )
      .run(this.now(), reason, userId);

    return result.changes;
  }

  /** Revokes every live session of the user but `keepId`; returns how many were revoked. */
  revokeOthersOfUser(userId: string, keepId: string, reason: string): number {
    const result = this.db
      .prepare(
        `UPDATE sessions SET revoked_at = ?, revoke_reason = ?
         WHERE user_id = ? AND id != ? AND revoked_at IS NULL`,
      )
      .run(this.now(), reason, userId, keepId);

    return result.changes;
  }

  /** Revokes every live session on the server; returns how many were revoked. */
  revokeAll(reason: string): number {
    const result = this.db
      .prepare('UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE revoked_at IS NULL')
      .run(this.now(), reason);

    return result.changes;
  }
}

function toRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
  };
}
