import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';

import { SIDE_SUFFIXES } from './account-files';

/** Where a moved-aside file went, relative to the quarantine folder (safe to log). */
export interface QuarantineResult {
  name: string;
}

/**
 * Moves a database file and its -wal/-shm aside, named with a timestamp and the reason, so a
 * fresh cache can take its place and the old one is still there for a support investigation.
 */
export function quarantineFile(
  file: string,
  quarantineDir: string,
  reason: string,
  now: Date = new Date(),
): QuarantineResult {
  mkdirSync(quarantineDir, { recursive: true, mode: 0o700 });

  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const base = `${path.basename(file, '.db')}-${stamp}-${reason}`;
  let name = `${base}.db`;
  for (let n = 2; existsSync(path.join(quarantineDir, name)); n += 1) name = `${base}-${n}.db`;

  for (const suffix of ['', ...SIDE_SUFFIXES]) {
    if (existsSync(file + suffix))
      renameSync(file + suffix, path.join(quarantineDir, name + suffix));
  }

  return { name };
}
