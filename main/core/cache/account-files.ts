import { createHash } from 'node:crypto';
import path from 'node:path';

export interface AccountCachePaths {
  /** A hash of the account id: safe in a file name and says nothing about the account. */
  accountHash: string;
  dir: string;
  file: string;
  quarantineDir: string;
}

/** The side files SQLite keeps next to a WAL-mode database. */
export const SIDE_SUFFIXES = ['-wal', '-shm'] as const;

export function accountCachePaths(dataDir: string, accountId: string): AccountCachePaths {
  const accountHash = createHash('sha256')
    .update(`parley-cache:${accountId}`)
    .digest('hex')
    .slice(0, 32);
  const dir = path.join(dataDir, 'cache');

  return {
    accountHash,
    dir,
    file: path.join(dir, `${accountHash}.db`),
    quarantineDir: path.join(dir, 'quarantine'),
  };
}
