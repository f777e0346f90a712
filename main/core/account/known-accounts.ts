import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import { UsernameSchema } from '../../../common/protocol';
import { serverOrigin, type ServerAccount } from '../credentials';

/**
 * `known-accounts.json` in the data folder: the accounts that have a cache on this computer.
 * Cache files are named by a hash, so this list is how the app finds another user's cache (to
 * drop its unsent messages when a different user logs in). Names only, no secrets, like
 * accounts.json.
 */
const FILE = 'known-accounts.json';
const MAX_ACCOUNTS = 100;

const AccountSchema = z.strictObject({ serverUrl: z.string().max(300), username: UsernameSchema });
const FileSchema = z.strictObject({
  version: z.literal(1),
  accounts: z.array(AccountSchema).max(MAX_ACCOUNTS),
});

/** The https origin, or null for an address that is not one (a hand-edited file). */
function originOf(serverUrl: string): string | null {
  try {
    return serverOrigin(serverUrl);
  } catch {
    return null;
  }
}

const same = (a: ServerAccount, b: ServerAccount) =>
  a.username === b.username && originOf(a.serverUrl) === originOf(b.serverUrl);

export function readKnownAccounts(dataDir: string): ServerAccount[] {
  const file = path.join(dataDir, FILE);
  if (!existsSync(file)) return [];
  try {
    const parsed = FileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.accounts : [];
  } catch {
    return [];
  }
}

function write(dataDir: string, accounts: ServerAccount[]): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, FILE);
  const next = `${file}.next`;
  try {
    const json = { version: 1, accounts: accounts.slice(-MAX_ACCOUNTS) };
    writeFileSync(next, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600 });
    renameSync(next, file);
  } finally {
    rmSync(next, { force: true });
  }
}

/** Notes that this account has a cache here (no-op when it is already listed). */
export function addKnownAccount(dataDir: string, account: ServerAccount): void {
  const known = readKnownAccounts(dataDir);
  if (known.some((entry) => same(entry, account))) return;
  const entry = { serverUrl: serverOrigin(account.serverUrl), username: account.username };
  write(dataDir, [...known, entry]);
}

export function removeKnownAccount(dataDir: string, account: ServerAccount): void {
  const known = readKnownAccounts(dataDir);
  const rest = known.filter((entry) => !same(entry, account));
  if (rest.length !== known.length) write(dataDir, rest);
}

/** The other accounts with a cache here on the same server as `account`. */
export function otherKnownAccounts(dataDir: string, account: ServerAccount): ServerAccount[] {
  const origin = originOf(account.serverUrl);
  return readKnownAccounts(dataDir).filter(
    (entry) => originOf(entry.serverUrl) === origin && !same(entry, account),
  );
}
