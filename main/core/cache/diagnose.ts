import { statSync } from 'node:fs';

import { CacheOpenError, isCorruptionError, type CacheFailure } from './errors';
import { keyAuthenticatesAnyPage, PAGE_SIZE } from './page-auth';

/** A file SQLite would only ever write in whole pages; anything else was cut short. */
export function hasPartialPage(file: string): boolean {
  return statSync(file).size % PAGE_SIZE !== 0;
}

/**
 * Names why an existing file could not be opened, or returns null for an error that says nothing
 * about the file (locked, disk full, permissions): those must not cost the user their cache.
 */
export function classifyOpenFailure(
  error: unknown,
  file: string,
  key: Buffer,
): CacheFailure | null {
  const failure: CacheFailure | null =
    error instanceof CacheOpenError ? error.failure : isCorruptionError(error) ? 'corrupt' : null;

  if (failure !== 'wrong_key') return failure;

  // SQLCipher reports a wrong key and a damaged first page the same way; look closer.
  if (hasPartialPage(file) || keyAuthenticatesAnyPage(file, key)) return 'corrupt';
  return 'wrong_key';
}
