import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import { IdSchema, UsernameSchema } from '../../../common/protocol';

/**
 * `accounts.json` in the data folder: which account to restore at start-up. It names the
 * account and nothing else; the session token stays in the keychain and never comes here.
 */
const FILE = 'accounts.json';

const RememberedAccountSchema = z.strictObject({
  /** The server's https origin, as the credentials module names accounts. */
  serverUrl: z.string().max(300),
  username: UsernameSchema,
  userId: IdSchema,
});
export type RememberedAccount = z.infer<typeof RememberedAccountSchema>;

const FileSchema = z.strictObject({
  version: z.literal(1),
  last: RememberedAccountSchema.nullable(),
});

/** The account to restore, or null when there is none or the file is unreadable. */
export function readRememberedAccount(dataDir: string): RememberedAccount | null {
  const file = path.join(dataDir, FILE);
  if (!existsSync(file)) return null;
  try {
    const parsed = FileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.last : null;
  } catch {
    return null;
  }
}

/** Replaces the file atomically (write aside, then rename); null forgets the account. */
export function writeRememberedAccount(dataDir: string, last: RememberedAccount | null): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, FILE);
  const next = `${file}.next`;
  try {
    writeFileSync(next, `${JSON.stringify({ version: 1, last }, null, 2)}\n`, { mode: 0o600 });
    renameSync(next, file);
  } finally {
    rmSync(next, { force: true });
  }
}
