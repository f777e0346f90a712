import type { HistoryPage, Message, SyncResponse } from '../../common/protocol';
import { ServiceError } from '../errors';
import type { ChannelStore } from './channels';
import type { Db } from './db';
import { newId } from './ids';

interface MessageRow {
  id: string;
  channel_id: string;
  seq: number;
  rev: number;
  author_id: string;
  client_id: string;
  body: string;
  created_at: number;
  edited_at: number | null;
  deleted: number;
}

export interface NewMessage {
  channelId: string;
  authorId: string;
  clientId: string;
  body: string;
  /** Only seeding sets this; live sends use the clock. */
  createdAt?: number;
}

const COLUMNS =
  'id, channel_id, seq, rev, author_id, client_id, body, created_at, edited_at, deleted';

/**
 * Messages and their change feed. Every create, edit and delete takes the channel's next `rev`
 * inside one transaction, so `rev` is strictly increasing per channel and catch-up by rev
 * sees every change exactly once.
 */
export class MessageStore {
  constructor(
    private readonly db: Db,
    private readonly channels: ChannelStore,
  ) {}

  /** Stores the message once per (channel, author, clientId); a resend returns the original. */
  send(input: NewMessage): { message: Message; created: boolean } {
    return this.write(() => {
      const existing = this.db
        .prepare(
          `SELECT ${COLUMNS} FROM messages
           WHERE channel_id = ? AND author_id = ? AND client_id = ?`,
        )
        .get(input.channelId, input.authorId, input.clientId);
      if (existing) return { message: toMessage(existing as MessageRow), created: false };

      const rev = this.channels.nextRev(input.channelId);
      const id = newId('m');
      this.db
        .prepare(
          `INSERT INTO messages
             (id, channel_id, seq, rev, author_id, client_id, body, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.channelId,
          rev,
          rev,
          input.authorId,
          input.clientId,
          input.body,
          input.createdAt ?? Date.now(),
        );

      return { message: this.byId(id)!, created: true };
    });
  }

  edit(messageId: string, authorId: string, body: string): Message {
    return this.write(() => {
      const current = this.ownLiveMessage(messageId, authorId);
      const rev = this.channels.nextRev(current.channelId);
      this.db
        .prepare('UPDATE messages SET body = ?, rev = ?, edited_at = ? WHERE id = ?')
        .run(body, rev, Date.now(), messageId);

      return this.byId(messageId)!;
    });
  }

  /** Empties the body and marks it deleted; deleting twice changes nothing the second time. */
  delete(messageId: string, authorId: string): { message: Message; changed: boolean } {
    return this.write(() => {
      const current = this.byId(messageId);
      if (!current) throw new ServiceError('not_found', 'That message does not exist.');
      if (current.authorId !== authorId) {
        throw new ServiceError('forbidden', 'Only the author can delete this message.');
      }
      if (current.deleted) return { message: current, changed: false };

      const rev = this.channels.nextRev(current.channelId);
      this.db
        .prepare("UPDATE messages SET body = '', deleted = 1, rev = ? WHERE id = ?")
        .run(rev, messageId);

      return { message: this.byId(messageId)!, changed: true };
    });
  }

  byId(id: string): Message | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM messages WHERE id = ?`).get(id);
    return row ? toMessage(row as MessageRow) : null;
  }

  /** Up to `limit` messages with seq below `beforeSeq` (or the newest), ascending by seq. */
  history(channelId: string, limit: number, beforeSeq?: number): HistoryPage {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM messages WHERE channel_id = ? AND seq < ?
         ORDER BY seq DESC LIMIT ?`,
      )
      .all(channelId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit + 1) as MessageRow[];
    const hasMore = rows.length > limit;

    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
  }

  /**
   * Changes with rev above each channel's cursor, ascending by rev within a channel, channels
   * in the order given, at most `max` in all.
   */
  changesSince(cursors: { channelId: string; rev: number }[], max: number): SyncResponse {
    const statement = this.db.prepare(
      `SELECT ${COLUMNS} FROM messages WHERE channel_id = ? AND rev > ?
       ORDER BY rev ASC LIMIT ?`,
    );
    const changes: Message[] = [];
    let hasMore = false;

    for (const cursor of cursors) {
      const room = max - changes.length;
      const rows = statement.all(cursor.channelId, cursor.rev, room + 1) as MessageRow[];
      if (rows.length > room) hasMore = true;
      changes.push(...rows.slice(0, room).map(toMessage));
      if (hasMore) break;
    }

    return { changes, hasMore };
  }

  /** Writes take the database lock up front (IMMEDIATE), so concurrent writers queue. */
  private write<T>(run: () => T): T {
    return this.db.transaction(run).immediate();
  }

  private ownLiveMessage(messageId: string, authorId: string): Message {
    const current = this.byId(messageId);
    if (!current || current.deleted) {
      throw new ServiceError('not_found', 'That message does not exist.');
    }
    if (current.authorId !== authorId) {
      throw new ServiceError('forbidden', 'Only the author can edit this message.');
    }

    return current;
  }
}

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    channelId: row.channel_id,
    seq: row.seq,
    rev: row.rev,
    authorId: row.author_id,
    clientId: row.client_id,
    body: row.body,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deleted: row.deleted === 1,
  };
}
