import type { Message } from '../../../common/protocol';
import { LIMITS } from '../../../common/limits';
import type { SqliteDatabase } from './connection';
import { MESSAGE_COLUMNS, messageFromRow, messageParams, type MessageRow } from './message-row';
import type { ApplyResult, MessagePage, PageOptions } from './types';

/** Messages: upsert where a newer rev wins, and pages in seq order per channel. */
export class MessageStore {
  private readonly upsert;
  private readonly channelExists;
  private readonly newest;
  private readonly before;

  constructor(private readonly db: SqliteDatabase) {
    // The WHERE on DO UPDATE makes an equal or older rev a no-op (changes = 0).
    this.upsert = db.prepare(`
      INSERT INTO messages (id, channel_id, seq, rev, author_id, client_id, body, created_at,
                            edited_at, deleted)
      VALUES (:id, :channel_id, :seq, :rev, :author_id, :client_id, :body, :created_at,
              :edited_at, :deleted)
      ON CONFLICT (id) DO UPDATE SET
        channel_id = excluded.channel_id, seq = excluded.seq, rev = excluded.rev,
        author_id = excluded.author_id, client_id = excluded.client_id, body = excluded.body,
        created_at = excluded.created_at, edited_at = excluded.edited_at,
        deleted = excluded.deleted
      WHERE excluded.rev > messages.rev`);
    this.channelExists = db.prepare('SELECT 1 FROM channels WHERE id = ?').pluck();
    this.newest = db.prepare<[string, number], MessageRow>(`
      SELECT ${MESSAGE_COLUMNS} FROM messages m
      WHERE m.channel_id = ? ORDER BY m.seq DESC LIMIT ?`);
    this.before = db.prepare<[string, number, number], MessageRow>(`
      SELECT ${MESSAGE_COLUMNS} FROM messages m
      WHERE m.channel_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`);
  }

  /** Applies new, edited and deleted messages in one transaction. */
  apply(messages: readonly Message[]): ApplyResult {
    const result: ApplyResult = { changed: [], stale: 0, unknownChannel: 0 };
    const known = new Map<string, boolean>();

    this.db
      .transaction(() => {
        for (const message of messages) {
          let exists = known.get(message.channelId);
          if (exists === undefined) {
            exists = this.channelExists.get(message.channelId) !== undefined;
            known.set(message.channelId, exists);
          }
          if (!exists) {
            result.unknownChannel += 1;
            continue;
          }

          if (this.upsert.run(messageParams(message)).changes > 0) result.changed.push(message);
          else result.stale += 1;
        }
      })
      .immediate();

    return result;
  }

  /** The newest `limit` messages below `beforeSeq` (or the newest overall), ascending. */
  page(channelId: string, options: PageOptions): MessagePage {
    const { beforeSeq, limit } = options;
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.historyPageMax) {
      throw new RangeError(`page limit must be 1..${LIMITS.historyPageMax}`);
    }

    const rows =
      beforeSeq === undefined
        ? this.newest.all(channelId, limit + 1)
        : this.before.all(channelId, beforeSeq, limit + 1);
    const hasMore = rows.length > limit;

    return { messages: rows.slice(0, limit).reverse().map(messageFromRow), hasMore };
  }
}
