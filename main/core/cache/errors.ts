/** Why a cache file could not be used as it is. */
export type CacheFailure = 'wrong_key' | 'corrupt' | 'too_new';

/** Opening or validating a cache file failed in a way the caller can recover from. */
export class CacheOpenError extends Error {
  override readonly name = 'CacheOpenError';

  constructor(
    readonly failure: CacheFailure,
    readonly sqliteCode: string | null,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A cache operation failed at run time for a reason the cache cannot fix by itself (disk full,
 * I/O error, a damaged file that could not be rebuilt). The message is plain and safe to show.
 */
export class CacheOperationError extends Error {
  override readonly name = 'CacheOperationError';

  constructor(
    readonly operation: string,
    readonly sqliteCode: string | null,
  ) {
    super(
      sqliteCode === 'SQLITE_FULL'
        ? 'Parley could not save to its local copy of your messages because the disk is full.'
        : 'Parley could not use its local copy of your messages on this computer.',
    );
  }
}

/** The SQLite error code of a thrown better-sqlite3 error, or null for anything else. */
export function sqliteCodeOf(error: unknown): string | null {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return error.code.startsWith('SQLITE_') ? error.code : null;
  }
  return null;
}

/**
 * True when an error means the file itself is damaged. A caller that sees this during normal
 * use should close the cache and reopen it through openAccountCache, which quarantines it.
 */
export function isCorruptionError(error: unknown): boolean {
  const code = sqliteCodeOf(error);
  return code !== null && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}
