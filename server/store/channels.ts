import type { Channel } from '../../common/protocol';
import type { Db } from './db';
import { newId } from './ids';

interface ChannelRow {
  id: string;
  name: string;
  topic: string;
  last_rev: number;
}

const COLUMNS = 'c.id, c.name, c.topic, c.last_rev';

export class ChannelStore {
  constructor(private readonly db: Db) {}

  create(input: { name: string; topic: string }): Channel {
    const id = newId('c');
    this.db
      .prepare('INSERT INTO channels (id, name, topic, created_at) VALUES (?, ?, ?, ?)')
      .run(id, input.name, input.topic, Date.now());

    return this.byId(id)!;
  }

  byId(id: string): Channel | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM channels c WHERE c.id = ?`).get(id);
    return row ? toChannel(row as ChannelRow) : null;
  }

  byName(name: string): Channel | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM channels c WHERE c.name = ?`).get(name);
    return row ? toChannel(row as ChannelRow) : null;
  }

  list(): Channel[] {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM channels c ORDER BY c.name`).all();
    return (rows as ChannelRow[]).map(toChannel);
  }

  /** Adds the member; returns false when they already belonged to the channel. */
  addMember(channelId: string, userId: string): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO members (channel_id, user_id, joined_at) VALUES (?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(channelId, userId, Date.now());

    return result.changes > 0;
  }

  isMember(channelId: string, userId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM members WHERE channel_id = ? AND user_id = ?')
        .get(channelId, userId) !== undefined
    );
  }

  ofUser(userId: string): Channel[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM channels c JOIN members m ON m.channel_id = c.id
         WHERE m.user_id = ? ORDER BY c.name`,
      )
      .all(userId);

    return (rows as ChannelRow[]).map(toChannel);
  }

  /** Moves the channel's change counter forward by one and returns the new value. */
  nextRev(channelId: string): number {
    const row = this.db
      .prepare('UPDATE channels SET last_rev = last_rev + 1 WHERE id = ? RETURNING last_rev')
      .get(channelId) as { last_rev: number } | undefined;
    if (!row) throw new Error(`channel ${channelId} does not exist`);

    return row.last_rev;
  }
}

function toChannel(row: ChannelRow): Channel {
  return { id: row.id, name: row.name, topic: row.topic, lastRev: row.last_rev };
}
