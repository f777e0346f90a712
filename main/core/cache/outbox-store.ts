import type { SqliteDatabase } from './connection';
import type { NewOutboxEntry, OutboxEntry, OutboxState } from './types';

export interface OutboxRow {
  client_id: string;
  channel_id: string;
  body: string;
  created_at: number;
  state: OutboxState;
  attempts: number;
  last_error: string | null;
}

const LAST_ERROR_MAX_CHARS = 500;

export const OUTBOX_COLUMNS =
  'client_id, channel_id, body, created_at, state, attempts, last_error';

export function outboxEntryFromRow(row: OutboxRow): OutboxEntry {
  return {
    clientId: row.client_id,
    channelId: row.channel_id,
    body: row.body,
    createdAt: row.created_at,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
  };
}

/** Unsent messages. The one thing in the cache that exists nowhere else, so never lost. */
export class OutboxStore {
  private readonly insert;
  private readonly insertEntry;
  private readonly all;
  private readonly fail;
  private readonly delete;
  private readonly pending;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare(`
      INSERT INTO outbox (client_id, channel_id, body, created_at, state, attempts)
      VALUES (:clientId, :channelId, :body, :createdAt, 'pending', 0)
      ON CONFLICT (client_id) DO NOTHING`);
    this.insertEntry = db.prepare(`
      INSERT INTO outbox (client_id, channel_id, body, created_at, state, attempts, last_error)
      VALUES (:clientId, :channelId, :body, :createdAt, :state, :attempts, :lastError)
      ON CONFLICT (client_id) DO NOTHING`);
    this.all = db.prepare<[], OutboxRow>(
      `SELECT ${OUTBOX_COLUMNS} FROM outbox ORDER BY created_at, rowid`,
    );
    this.fail = db.prepare(`
      UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?
      WHERE client_id = ?`);
    this.delete = db.prepare('DELETE FROM outbox WHERE client_id = ?');
    this.pending = db.prepare(`
      UPDATE outbox SET state = 'pending', last_error = NULL
      WHERE client_id = ? AND state = 'failed'`);
  }

  /**
   * Stores an unsent message and returns only once it is on disk: this commit runs with
   * synchronous=FULL, so the WAL is fsynced and even a power cut right after keeps it. An entry
   * whose clientId is already queued is left as it is (false).
   */
  enqueue(entry: NewOutboxEntry): boolean {
    return this.durably(() => this.insert.run(entry).changes > 0);
  }

  /** Carries entries over from a quarantined file, keeping their state; durable like enqueue. */
  restore(entries: readonly OutboxEntry[]): number {
    return this.durably(() =>
      this.db.transaction(() => {
        let added = 0;
        for (const entry of entries) added += this.insertEntry.run(entry).changes;
        return added;
      })(),
    );
  }

  /** Oldest first. */
  list(): OutboxEntry[] {
    return this.all.all().map(outboxEntryFromRow);
  }

  /** Records a failed attempt. `reason` is a short classification, never the message body. */
  markFailed(clientId: string, reason: string): boolean {
    return this.fail.run(reason.slice(0, LAST_ERROR_MAX_CHARS), clientId).changes > 0;
  }

  /** Puts a failed entry back in line (the user chose to retry it). */
  requeue(clientId: string): boolean {
    return this.pending.run(clientId).changes > 0;
  }

  /** Drops an entry once the server has acknowledged it (the server dedupes by clientId). */
  remove(clientId: string): boolean {
    return this.delete.run(clientId).changes > 0;
  }

  private durably<T>(write: () => T): T {
    this.db.pragma('synchronous = FULL');
    try {
      return write();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }
}
