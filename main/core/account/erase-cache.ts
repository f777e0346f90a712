import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import type { AuditLog } from '../audit/audit-log';
import { accountCachePaths } from '../cache';
import { SIDE_SUFFIXES } from '../cache/account-files';
import { serverOrigin, type CredentialStore, type ServerAccount } from '../credentials';
import type { Logger } from '../log/logger';
import { cacheAccountId } from './account-storage';
import { removeKnownAccount } from './known-accounts';

export interface EraseDeps {
  dataDir: string;
  credentials: CredentialStore;
  audit: AuditLog;
  log: Logger;
}

/** Deletes the account's cache file, its -wal/-shm and its quarantined copies; returns how many. */
function deleteCacheFiles(dataDir: string, account: ServerAccount): number {
  const paths = accountCachePaths(dataDir, cacheAccountId(account));
  const files = ['', ...SIDE_SUFFIXES].map((suffix) => paths.file + suffix);
  if (existsSync(paths.quarantineDir)) {
    // Quarantined copies are named `<accountHash>-<stamp>-<reason>.db` (cache/quarantine.ts).
    for (const name of readdirSync(paths.quarantineDir)) {
      if (name.startsWith(`${paths.accountHash}-`))
        files.push(path.join(paths.quarantineDir, name));
    }
  }
  let deleted = 0;
  for (const file of files) {
    if (!existsSync(file)) continue;
    rmSync(file, { force: true });
    deleted += 1;
  }
  return deleted;
}

/**
 * Policy `eraseCacheOnRevocation`: after a revocation the account's local copy goes (the cache
 * must already be closed) and so does its key in the keychain, so nothing of it is readable on
 * this computer any more. The unsent messages go with it: the policy says so.
 */
export async function eraseAccountCache(
  account: ServerAccount,
  deps: EraseDeps,
  context: { userId: string; unsent: number },
): Promise<void> {
  const files = deleteCacheFiles(deps.dataDir, account);
  const keyDeleted = await deps.credentials.deleteCacheKey(account).catch((error: Error) => {
    deps.log.warn({ errorName: error?.name }, 'account.cache_key_not_deleted');
    return false;
  });
  removeKnownAccount(deps.dataDir, account);

  const origin = serverOrigin(account.serverUrl);
  const fields = { origin, userId: context.userId, files, keyDeleted, unsent: context.unsent };
  deps.audit.record('cache.erased', fields);
  deps.log.info(fields, 'account.cache_erased');
}
