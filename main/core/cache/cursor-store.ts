import type { SqliteDatabase } from './connection';

/** Per-channel sync cursors: the highest rev seen. They only ever move forward. */
export class CursorStore {
  private readonly all;
  private readonly advance;

  constructor(db: SqliteDatabase) {
    this.all = db.prepare<[], { channel_id: string; rev: number }>(
      'SELECT channel_id, rev FROM sync_cursors',
    );
    this.advance = db.prepare(`
      INSERT INTO sync_cursors (channel_id, rev) VALUES (?, ?)
      ON CONFLICT (channel_id) DO UPDATE SET rev = excluded.rev
      WHERE excluded.rev > sync_cursors.rev`);
  }

  getCursors(): Record<string, number> {
    const cursors: Record<string, number> = {};
    for (const row of this.all.all()) cursors[row.channel_id] = row.rev;
    return cursors;
  }

  /** Returns true when the cursor moved; a rev at or below the current one changes nothing. */
  advanceCursor(channelId: string, rev: number): boolean {
    if (!Number.isSafeInteger(rev) || rev < 0) throw new RangeError('rev must be a whole number');
    return this.advance.run(channelId, rev).changes > 0;
  }
}
