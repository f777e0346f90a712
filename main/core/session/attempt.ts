import type { SessionInfo } from '../../../common/bridge';
import { ClientEvents, MessageSchema } from '../../../common/protocol';
import { err, type Result } from '../../../common/result';
import type { AccountStorage } from '../account/account-storage';
import type { Connection } from '../connection/connection';
import type { SessionTokenHolder, ServerAccount } from '../credentials';
import type { Logger } from '../log/logger';
import { createOutbox, type Outbox } from '../outbox/outbox';
import { createCacheCursorStore, type CursorStore } from '../sync/cursor-store';

/** One signed-in (or signing-in) account: its token, connection and local data. */
export interface Attempt {
  info: SessionInfo;
  account: ServerAccount;
  token: string | null;
  connection: Connection | null;
  /** True once the session is shown to the user (first `ready`, or painted from the cache). */
  established: boolean;
  syncRound: number;
  syncing: boolean;
  storage: AccountStorage;
  cursors: CursorStore;
  outbox: Outbox;
  holder: SessionTokenHolder | null;
  /** True once the token is in the keychain for the next start; else it lives in memory only. */
  remembered: boolean;
  /** Ends a sign-in's wait for `ready`; set by whoever waits. */
  settle(result: Result<SessionInfo>): void;
}

export interface AttemptInit {
  info: SessionInfo;
  account: ServerAccount;
  token: string;
  storage: AccountStorage;
  holder: SessionTokenHolder | null;
  established: boolean;
}

export interface AttemptHooks {
  isCurrent(attempt: Attempt): boolean;
  log: Logger;
  onOutbox(attempt: Attempt): void;
  onSent(
    attempt: Attempt,
    message: Parameters<Parameters<typeof createOutbox>[0]['onSent']>[0],
  ): void;
}

const OFFLINE = 'Parley is offline. Try again when the connection is back.';

/** Sends only on this attempt's own connection: a queued message never leaves as another user. */
export function createAttempt(init: AttemptInit, hooks: AttemptHooks): { attempt: Attempt } {
  const { cache } = init.storage;
  const live = () =>
    hooks.isCurrent(attempt) && attempt.established && attempt.connection?.state === 'online';

  const attempt: Attempt = {
    ...init,
    connection: null,
    syncRound: 0,
    syncing: false,
    remembered: false,
    cursors: createCacheCursorStore(cache),
    outbox: createOutbox({
      cache,
      isOnline: live,
      send: (request) =>
        live() && attempt.connection
          ? attempt.connection.request(ClientEvents.send, request, MessageSchema)
          : Promise.resolve(err('not_connected', OFFLINE)),
      onChange: () => hooks.isCurrent(attempt) && hooks.onOutbox(attempt),
      onSent: (message) => hooks.isCurrent(attempt) && hooks.onSent(attempt, message),
      log: hooks.log,
    }),
    settle: () => undefined,
  };
  return { attempt };
}
