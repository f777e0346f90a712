import type { User } from '../../common/protocol';
import type { Db } from './db';
import { newId } from './ids';

export type Role = 'admin' | 'member';

export interface UserRecord extends User {
  role: Role;
  passwordHash: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
}

const COLUMNS = 'id, username, display_name, role, password_hash';

export class UserStore {
  constructor(private readonly db: Db) {}

  create(input: { username: string; displayName: string; role: Role; passwordHash: string }) {
    const id = newId('u');
    this.db
      .prepare(
        `INSERT INTO users (id, username, display_name, role, password_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.username, input.displayName, input.role, input.passwordHash, Date.now());

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
        `SELECT DISTINCT u.id, u.username, u.display_name, u.role, u.password_hash
         FROM users u JOIN members m ON m.user_id = u.id
         WHERE m.channel_id IN (SELECT channel_id FROM members WHERE user_id = ?)
            OR u.id = ?
         ORDER BY u.username`,
      )
      .all(userId, userId);

    return (rows as UserRow[]).map((row) => toWireUser(toRecord(row)));
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
  };
}
