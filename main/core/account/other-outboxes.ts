import { existsSync } from 'node:fs';

import { accountCachePaths, openCacheDatabase } from '../cache';
import type { CredentialStore, ServerAccount } from '../credentials';
import type { Logger } from '../log/logger';
import { cacheAccountId } from './account-storage';
import { otherKnownAccounts, removeKnownAccount } from './known-accounts';

export interface DiscardDeps {
  dataDir: string;
  credentials: CredentialStore;
  log: Logger;
  notice(level: 'info' | 'warning', text: string): void;
}

export interface Discarded {
  username: string;
  count: number;
}

export function discardedNotice({ username, count }: Discarded): string {
  const what = count === 1 ? '1 unsent message' : `${count} unsent messages`;
  const verb = count === 1 ? 'was' : 'were';
  return `${what} from ${username} ${verb} discarded because a different user logged in.`;
}

/** Empties one account's outbox in its closed cache; how many entries it held. */
async function emptyOutbox(account: ServerAccount, deps: DiscardDeps): Promise<number> {
  const { file } = accountCachePaths(deps.dataDir, cacheAccountId(account));
  if (!existsSync(file)) {
    removeKnownAccount(deps.dataDir, account);
    return 0;
  }
  const key = await deps.credentials.readCacheKey(account).catch(() => null);
  // Without its key the file is unreadable: nothing in it can ever be sent.
  if (!key) return 0;

  const cache = openCacheDatabase({ file, key, logger: deps.log });
  try {
    const entries = cache.outbox.list();
    for (const entry of entries) cache.outbox.remove(entry.clientId);
    return entries.length;
  } finally {
    cache.close();
  }
}

/**
 * A different user logged in on this computer: the unsent messages that other users of the same
 * server left here are dropped, with a notice, so they are never sent later by surprise. Their
 * caches (history, key) stay; only the outbox goes. A cache that cannot be opened is skipped.
 */
export async function discardOtherOutboxes(
  account: ServerAccount,
  deps: DiscardDeps,
): Promise<Discarded[]> {
  const discarded: Discarded[] = [];
  for (const other of otherKnownAccounts(deps.dataDir, account)) {
    let count = 0;
    try {
      count = await emptyOutbox(other, deps);
    } catch (error) {
      deps.log.warn({ errorName: (error as Error)?.name }, 'account.other_outbox_unreadable');
      continue;
    }
    if (count === 0) continue;
    deps.log.info({ count }, 'outbox.discarded_other_user');
    discarded.push({ username: other.username, count });
    deps.notice('warning', discardedNotice({ username: other.username, count }));
  }
  return discarded;
}
