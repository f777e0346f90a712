import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { openEncryptedConnection, type SqliteDatabase } from './connection';
import { CacheOpenError } from './errors';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from './migrations';
import { newKey, tempDir } from './testing/fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function freshDb(): SqliteDatabase {
  const { dir, cleanup } = tempDir();
  const db = openEncryptedConnection(path.join(dir, 'm.db'), newKey());
  cleanups.push(() => {
    db.close();
    cleanup();
  });
  return db;
}

function schemaOf(db: SqliteDatabase): unknown[] {
  return db
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all();
}

/** Rows that are valid at a given schema version, to prove later steps keep them. */
function seed(db: SqliteDatabase, version: number): void {
  if (version >= 1) {
    db.exec(`
      INSERT INTO channels VALUES ('c1', 'general', '', 2);
      INSERT INTO messages (id, channel_id, seq, rev, author_id, client_id, body, created_at,
                            edited_at, deleted)
      VALUES ('m1', 'c1', 1, 1, 'u1', 'x', 'café au lait', 1, NULL, 0),
             ('m2', 'c1', 2, 2, 'u1', 'y', '', 2, NULL, 1);`);
  }
  if (version >= 2) {
    db.exec(`INSERT INTO outbox (client_id, channel_id, body, created_at, state)
             VALUES ('o1', 'c1', 'unsent', 3, 'pending')`);
  }
}

describe('schema migrations', () => {
  it('are numbered 1, 2, 3, … with no gaps', () => {
    expect(MIGRATIONS.map((step) => step.version)).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, index) => index + 1),
    );
  });

  it('build the whole schema from an empty file', () => {
    const db = freshDb();

    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('are a no-op when the schema is current', () => {
    const db = freshDb();
    migrate(db);
    const before = schemaOf(db);

    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(schemaOf(db)).toEqual(before);
  });

  it.each(Array.from({ length: SCHEMA_VERSION }, (_, version) => version))(
    'upgrade from version %i to the same schema a fresh file gets, keeping its data',
    (start) => {
      const reference = freshDb();
      migrate(reference);

      const db = freshDb();
      migrate(db, start);
      seed(db, start);
      expect(schemaVersion(db)).toBe(start);

      migrate(db);

      expect(schemaOf(db)).toEqual(schemaOf(reference));
      if (start >= 1) {
        expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(2);
        // The index step backfills live messages only.
        const hits = db.prepare("SELECT rowid FROM message_fts WHERE message_fts MATCH 'cafe'");
        expect(hits.pluck().all()).toHaveLength(1);
      }
      if (start >= 2) {
        expect(db.prepare('SELECT client_id FROM outbox').pluck().all()).toEqual(['o1']);
      }
    },
  );

  it('roll a failing step back entirely, leaving the version where it was', () => {
    const db = freshDb();
    const broken = [
      ...MIGRATIONS,
      {
        version: SCHEMA_VERSION + 1,
        name: 'broken',
        up: (target: SqliteDatabase) => target.exec('CREATE TABLE half (x); SELECT * FROM nope;'),
      },
    ];

    expect(() => migrate(db, broken.length, broken)).toThrow();
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(
      0,
    );
  });

  it('refuse a file written by a newer schema', () => {
    const db = freshDb();
    migrate(db);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);

    expect(() => migrate(db)).toThrow(CacheOpenError);
  });
});
