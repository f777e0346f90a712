import Database from 'better-sqlite3-multiple-ciphers';

import { applyCipher, type SqliteDatabase } from './connection';
import { OUTBOX_COLUMNS, outboxEntryFromRow, type OutboxRow } from './outbox-store';
import type { OutboxEntry } from './types';

function isOutboxRow(row: unknown): row is OutboxRow {
  if (typeof row !== 'object' || row === null) return false;
  const r = row as Record<string, unknown>;
  return (
    typeof r.client_id === 'string' &&
    typeof r.channel_id === 'string' &&
    typeof r.body === 'string' &&
    typeof r.created_at === 'number' &&
    (r.state === 'pending' || r.state === 'failed') &&
    typeof r.attempts === 'number' &&
    (r.last_error === null || typeof r.last_error === 'string')
  );
}

/** What a damaged file still yielded; `complete` is false when part of the outbox was unreadable. */
export interface SalvagedOutbox {
  entries: OutboxEntry[];
  complete: boolean;
}

/** Reads rows one at a time in rowid order, keeping every row before the first damaged page. */
function readRowByRow(db: SqliteDatabase): { rows: unknown[]; complete: boolean } {
  const next = db.prepare(
    `SELECT ${OUTBOX_COLUMNS}, rowid AS r FROM outbox WHERE rowid > ? ORDER BY rowid LIMIT 1`,
  );
  const rows: unknown[] = [];
  let after = Number.MIN_SAFE_INTEGER;

  try {
    for (let row = next.get(after); row !== undefined; row = next.get(after)) {
      rows.push(row);
      after = (row as { r: number }).r;
    }
    return { rows, complete: true };
  } catch {
    // The rest of the table is unreadable; keep what came before it.
    return { rows, complete: false };
  }
}

/**
 * Reads whatever outbox entries a damaged cache still yields. Opened read-write like any normal
 * open, so a WAL left by a crash is replayed first (the file is quarantined right after).
 * Nothing, and not complete, when the file cannot be decrypted or has no readable outbox; a
 * damaged row also makes it incomplete. Never throws.
 */
export function salvageOutbox(file: string, key: Buffer): SalvagedOutbox {
  let db: SqliteDatabase | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    applyCipher(db, key);

    let read: { rows: unknown[]; complete: boolean };
    try {
      const all = db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox ORDER BY created_at, rowid`);
      read = { rows: all.all(), complete: true };
    } catch {
      read = readRowByRow(db);
    }
    const entries = read.rows.filter(isOutboxRow).map(outboxEntryFromRow);
    return { entries, complete: read.complete && entries.length === read.rows.length };
  } catch {
    return { entries: [], complete: false };
  } finally {
    db?.close();
  }
}
