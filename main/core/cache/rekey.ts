import Database from 'better-sqlite3-multiple-ciphers';

import { applyCipher, verifyReadable, type SqliteDatabase } from './connection';
import { rawKeyPragmaValue } from './key';

/** Opens a second, read-only connection with `key` and reads the schema; throws if it cannot. */
export function verifyKeyOpensFile(file: string, key: Buffer): void {
  const probe = new Database(file, { readonly: true, fileMustExist: true });
  try {
    applyCipher(probe, key);
    verifyReadable(probe);
  } finally {
    probe.close();
  }
}

/**
 * Re-encrypts every page under `newKey`. SQLite3 Multiple Ciphers refuses to rekey in WAL
 * mode, so the WAL is checkpointed away, the rekey runs with a rollback journal (atomic: a crash
 * leaves the file under the old key), and WAL comes back. Then a separate connection must be able
 * to read the file with the new key, or this throws.
 */
export function rekeyDatabase(db: SqliteDatabase, newKey: Buffer): void {
  const pragmaValue = rawKeyPragmaValue(newKey);

  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  try {
    db.pragma(`rekey = ${pragmaValue}`);
  } finally {
    db.pragma('journal_mode = WAL');
  }

  verifyReadable(db);
  verifyKeyOpensFile(db.name, newKey);
}
