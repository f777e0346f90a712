import type { BridgeEvent } from '../../../common/bridge';
import { openAccountStorage, type StorageDeps } from '../account/account-storage';
import { readRememberedAccount, writeRememberedAccount } from '../account/remembered-account';
import { sweepSessionOnlyCaches } from '../account/session-only-cache';
import { SessionTokenHolder, type CredentialStore } from '../credentials';
import type { Logger } from '../log/logger';
import type { Attempt, AttemptInit } from './attempt';
import type { PolicyPort } from './ports';
import type { SessionView } from './view';

export interface RestoreDeps {
  dataDir: string;
  credentials: CredentialStore;
  policy: PolicyPort;
  view: SessionView;
  storageDeps: StorageDeps;
  log: Logger;
  emit(event: BridgeEvent): void;
  notice(level: 'info' | 'warning', text: string): void;
  begin(init: Omit<AttemptInit, 'holder'>, remember: boolean): Attempt;
  connect(attempt: Attempt): void;
  /** False once the user signed out meanwhile. */
  stillWanted(): boolean;
}

/**
 * Start-up: the account named in accounts.json, its token from the keychain, its cache opened,
 * and the session painted from the cache (channels, users, outbox) before the socket connects.
 * A token the server no longer accepts ends the session at the handshake, like any other.
 */
export async function restoreRemembered(deps: RestoreDeps): Promise<void> {
  const { dataDir, credentials, view, emit } = deps;
  sweepSessionOnlyCaches(dataDir);
  const remembered = readRememberedAccount(dataDir);
  if (!remembered) return;

  const account = { serverUrl: remembered.serverUrl, username: remembered.username };
  if (!deps.policy.current().allowRememberLogin) {
    await credentials.deleteToken(account).catch(() => undefined);
    return writeRememberedAccount(dataDir, null);
  }
  const holder = new SessionTokenHolder({ store: credentials, account, remember: true });
  const token = await holder.restore().catch((error: Error) => {
    deps.notice('warning', error.message);
    return null;
  });
  if (!token) return deps.log.info({}, 'session.nothing_to_restore');

  const storage = await openAccountStorage(account, deps.storageDeps);
  if (!deps.stillWanted()) return storage.close();
  const { cache } = storage;
  const channels = cache.listChannels();
  const users = cache.listUsers();
  const fallback = {
    id: remembered.userId,
    username: account.username,
    displayName: account.username,
  };
  const user = users.find((u) => u.id === remembered.userId) ?? fallback;
  const info = { serverUrl: account.serverUrl, user };
  const attempt = deps.begin({ info, account, token, storage, established: true }, true);
  attempt.remembered = true;

  view.setSession(info);
  view.applyReady({ user, channels, users, online: [] });
  deps.connect(attempt);
  emit({ type: 'session', session: info, reason: null });
  emit({ type: 'ready', channels, users, online: [] });
  emit({ type: 'outbox', entries: attempt.outbox.entries() });
  deps.log.info({ userId: user.id }, 'session.restored');
}
