import Database from 'better-sqlite3-multiple-ciphers';

import { CacheOpenError, isCorruptionError, sqliteCodeOf } from './errors';
import { rawKeyPragmaValue } from './key';

export type SqliteDatabase = Database.Database;

/** Page cache per connection, in KiB (negative means KiB to SQLite). Measured in bench/. */
const CACHE_SIZE_KIB = 16_384;

/** Selects SQLCipher 4 format and sets the raw key. Must run before the first read. */
export function applyCipher(db: SqliteDatabase, key: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = ${rawKeyPragmaValue(key)}`);
}

/**
 * Reads the schema table: with a wrong key (or a damaged first page) SQLCipher cannot decrypt
 * page 1 and this fails with SQLITE_NOTADB, so a bad key is caught at open, not at first use.
 */
export function verifyReadable(db: SqliteDatabase): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
  } catch (error) {
    // Anything else (busy, locked, I/O) says nothing about the file and must not cost the cache.
    if (!isCorruptionError(error)) throw error;
    const code = sqliteCodeOf(error);
    const failure = code === 'SQLITE_NOTADB' ? 'wrong_key' : 'corrupt';
    throw new CacheOpenError(failure, code, 'cache file cannot be read with this key');
  }
}

/**
 * WAL lets reads run beside the writer and makes each commit one append. synchronous=NORMAL
 * with WAL never corrupts the file and loses nothing on a process crash; only an OS crash or
 * power cut can roll back the newest commits. The outbox, which must never lose a message,
 * raises this to FULL for its own commits (see outbox-store).
 */
export function applySettings(db: SqliteDatabase): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new Error(`cache could not enter WAL mode (got ${String(mode)})`);

  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = -${CACHE_SIZE_KIB}`);
  db.pragma('temp_store = MEMORY');
}

/** Opens (or creates) an encrypted database file, checks the key and applies our settings. */
export function openEncryptedConnection(file: string, key: Buffer): SqliteDatabase {
  const db = new Database(file);
  try {
    applyCipher(db, key);
    verifyReadable(db);
    applySettings(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
