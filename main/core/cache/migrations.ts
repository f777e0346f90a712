import type { SqliteDatabase } from './connection';
import { CacheOpenError } from './errors';

/** One schema step. `version` is what PRAGMA user_version reads after it has run. */
export interface Migration {
  version: number;
  name: string;
  up: (db: SqliteDatabase) => void;
}

/**
 * The schema, as numbered steps. Append only: never edit a step that has shipped, add the next
 * one instead. Each runs in its own transaction together with its user_version bump.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'channels, users, messages',
    up: (db) =>
      db.exec(`
        CREATE TABLE channels (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          topic TEXT NOT NULL,
          last_rev INTEGER NOT NULL
        );
        CREATE TABLE users (
          id TEXT PRIMARY KEY,
          username TEXT NOT NULL,
          display_name TEXT NOT NULL
        );
        CREATE TABLE messages (
          row_id INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          channel_id TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          rev INTEGER NOT NULL,
          author_id TEXT NOT NULL,
          client_id TEXT NOT NULL,
          body TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          edited_at INTEGER,
          deleted INTEGER NOT NULL CHECK (deleted IN (0, 1))
        );
        CREATE INDEX messages_by_channel_seq ON messages (channel_id, seq);
      `),
  },
  {
    version: 2,
    name: 'sync cursors and outbox',
    up: (db) =>
      db.exec(`
        CREATE TABLE sync_cursors (
          channel_id TEXT PRIMARY KEY,
          rev INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE outbox (
          client_id TEXT PRIMARY KEY,
          channel_id TEXT NOT NULL,
          body TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('pending', 'failed')),
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT
        );
      `),
  },
  {
    version: 3,
    name: 'full-text index over message bodies',
    // External content: the index holds tokens only and reads text back from messages. Deleted
    // messages are never in it; the triggers keep it in step inside the writer's transaction.
    // Prefix index for 2-character prefixes only: those are the slow case without one (p95 over
    // 30 ms at 1M messages), while '2 3' cost ~40% of write speed. automerge 8 merges segments
    // less eagerly, so fewer pages are rewritten per commit. Measured in bench/.
    up: (db) =>
      db.exec(`
        CREATE VIRTUAL TABLE message_fts USING fts5 (
          body,
          content = 'messages',
          content_rowid = 'row_id',
          tokenize = "unicode61 remove_diacritics 2",
          prefix = '2'
        );
        INSERT INTO message_fts (message_fts, rank) VALUES ('automerge', 8);
        INSERT INTO message_fts (rowid, body)
          SELECT row_id, body FROM messages WHERE deleted = 0;
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.deleted = 0
        BEGIN
          INSERT INTO message_fts (rowid, body) VALUES (new.row_id, new.body);
        END;
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.deleted = 0
        BEGIN
          INSERT INTO message_fts (message_fts, rowid, body)
            VALUES ('delete', old.row_id, old.body);
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF body, deleted ON messages
        BEGIN
          INSERT INTO message_fts (message_fts, rowid, body)
            SELECT 'delete', old.row_id, old.body WHERE old.deleted = 0;
          INSERT INTO message_fts (rowid, body)
            SELECT new.row_id, new.body WHERE new.deleted = 0;
        END;
      `),
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to `target` (the newest by default). A file written by a newer app
 * version is refused rather than guessed at.
 */
export function migrate(
  db: SqliteDatabase,
  target = SCHEMA_VERSION,
  steps: readonly Migration[] = MIGRATIONS,
): number {
  const current = schemaVersion(db);
  if (current > steps.length) {
    throw new CacheOpenError('too_new', null, `cache schema ${current} is newer than this app`);
  }

  for (const step of steps.slice(current, target)) {
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
  }

  return schemaVersion(db);
}
