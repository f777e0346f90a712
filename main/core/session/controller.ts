import { err, ok, type AppError, type ErrorCode } from '../../../common/result';
import type { StorageDeps } from '../account/account-storage';
import { eraseAccountCache } from '../account/erase-cache';
import { discardOtherOutboxes } from '../account/other-outboxes';
import { refusalEnd, type SessionEnd, type SessionEndCode } from '../connection/refusals';
import type { Attempt } from './attempt';
import { openLive } from './live';
import { changePassword } from './rest-calls';
import { createSignIn } from './sign-in';
import type { SessionController, SessionDeps } from './types';
import type { SessionView } from './view';

export type { SessionController, SessionDeps } from './types';

const NOT_CONNECTED = 'Parley is offline. Try again when the connection is back.';
/** REST answers with a token that mean the session is over for good. */
const ENDING_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'session_revoked',
  'session_expired',
  'unauthorized',
]);

/** The session state machine: at most one account at a time, its token in memory (and keychain). */
export function createSessionController(deps: SessionDeps): SessionController {
  const log = deps.loggers('session');
  const { view, emit } = deps;
  let current: Attempt | null = null;

  const isCurrent = (attempt: Attempt) => current === attempt;
  const notice = (level: 'info' | 'warning', text: string) => emit({ type: 'notice', level, text });
  const storageDeps: StorageDeps = {
    dataDir: deps.dataDir,
    credentials: deps.credentials,
    audit: deps.audit,
    log: deps.loggers('account'),
    notice,
  };

  function setConnection(state: Parameters<SessionView['setConnection']>[0]): void {
    view.setConnection(state);
    emit({ type: 'connection', state });
  }

  function teardown(attempt: Attempt, endReason: string | null = null): void {
    if (current !== attempt) return;
    current = null;
    attempt.connection?.close();
    attempt.token = null;
    attempt.outbox.stop();
    attempt.storage.close();
    deps.notifications.reset?.();
    view.clear(endReason);
    emit({ type: 'outbox', entries: [] });
    setConnection('offline');
  }

  /** Policy `eraseCacheOnRevocation`: the revoked account's local copy and its key go too. */
  async function eraseIfRevoked(attempt: Attempt, end: SessionEnd, unsent: number): Promise<void> {
    const { dataDir, credentials } = deps;
    if (end.code !== 'session_revoked' || !deps.policy.current().eraseCacheOnRevocation) return;
    if (!dataDir || !credentials || !attempt.storage.persistent) return;
    const eraseDeps = { dataDir, credentials, audit: deps.audit, log: storageDeps.log };
    await eraseAccountCache(attempt.account, eraseDeps, { userId: attempt.info.user.id, unsent });
  }

  /**
   * The server ended the session (revoked, expired, token refused): it is over here too. The
   * socket and the outbox stop at once, the renderer hears why, and no token stays behind in
   * the keychain. Unsent messages stay in the account's cache for its next log in.
   */
  function ended(attempt: Attempt, end: SessionEnd): void {
    if (current !== attempt) return;
    log.warn({ reasonCode: end.code }, 'session.ended');
    const fields = {
      origin: attempt.account.serverUrl,
      userId: attempt.info.user.id,
      reasonCode: end.code,
      reason: end.reason,
    };
    if (end.code === 'session_revoked') deps.audit.record('session.revoked', fields);
    if (end.code === 'session_expired') deps.audit.record('session.expired', fields);
    const unsent = unsentCount(attempt);
    teardown(attempt, end.reason);
    emit({ type: 'session', session: null, reason: end.reason });
    void signIn
      .forgetRemembered(attempt)
      .then(() => eraseIfRevoked(attempt, end, unsent))
      .catch((error: Error) => log.error({ errorName: error?.name }, 'session.end_cleanup_failed'))
      .then(() => deps.onSessionEnded?.({ account: attempt.account, code: end.code }));
  }

  /** For the record only: a cache that cannot be read must not stop the session from ending. */
  function unsentCount(attempt: Attempt): number {
    try {
      return attempt.storage.cache.outbox.list().length;
    } catch {
      return 0;
    }
  }

  /** A REST answer that says the session is over ends it like a handshake refusal would. */
  function endedByRest(attempt: Attempt, error: AppError): boolean {
    if (!ENDING_CODES.has(error.code)) return false;
    ended(attempt, refusalEnd(error.code as SessionEndCode, error.message, error.cause));
    return true;
  }

  /** After a log in: other users' unsent messages on this computer are dropped, with a notice. */
  async function discardOthers(): Promise<void> {
    const attempt = current;
    const { dataDir, credentials } = deps;
    if (!attempt || !dataDir || !credentials) return;
    const discardDeps = { dataDir, credentials, log: storageDeps.log, notice };
    await discardOtherOutboxes(attempt.account, discardDeps).catch((error: Error) =>
      log.warn({ errorName: error?.name }, 'session.discard_other_outboxes_failed'),
    );
  }

  const connect = (attempt: Attempt) => {
    current = attempt;
    setConnection('connecting');
    attempt.connection = openLive(attempt, {
      ...deps,
      isCurrent,
      setConnection,
      onEnded: ended,
      onEstablished(established) {
        established.established = true;
        view.setSession(established.info);
        emit({ type: 'session', session: established.info, reason: null });
        established.settle(ok(established.info));
      },
    });
  };

  const signIn = createSignIn({ ...deps, storageDeps, connect, teardown, isCurrent, notice });

  return {
    async login(input) {
      if (current) return err('invalid_input', 'Already signed in. Sign out first.');
      const result = await signIn.login(input);
      if (result.ok) await discardOthers();
      return result;
    },
    restore: () => (current ? Promise.resolve() : signIn.restore()),
    async logout() {
      signIn.cancel();
      const attempt = current;
      if (!attempt) return;
      const token = attempt.token;
      attempt.settle(err('not_connected', 'Signed out before the connection was ready.'));
      teardown(attempt);
      emit({ type: 'session', session: null, reason: null });
      deps.audit.record('logout', {
        origin: attempt.account.serverUrl,
        username: attempt.account.username,
      });
      log.info({ userId: attempt.info.user.id }, 'session.logged_out');
      await signIn.forgetRemembered(attempt);
      if (token) await deps.api.logout(attempt.info.serverUrl, token); // best effort
      await deps.onSessionEnded?.({ account: attempt.account, code: 'logout' });
    },
    /** On success the server ends the user's other sessions; this one continues. */
    async changePassword(input) {
      const attempt = current;
      const token = attempt?.established ? attempt.token : null;
      if (!attempt || !token) return err('not_connected', NOT_CONNECTED);
      const result = await changePassword(
        deps.trust,
        { serverUrl: attempt.info.serverUrl, token },
        input,
        deps.requestTimeoutMs,
      );
      if (result.ok) return ok(null);
      endedByRest(attempt, result.error);
      return result;
    },
    request(event, payload, schema) {
      const connection = current?.established ? current.connection : null;
      if (!connection) return Promise.resolve(err('not_connected', NOT_CONNECTED));
      return connection.request(event, payload, schema);
    },
    notify: (event, payload) => current?.connection?.notify(event, payload),
    isOnline: () => current?.connection?.state === 'online',
    active: () => (current?.established ? current : null),
    close: () => current && teardown(current),
    async quit(timeoutMs) {
      signIn.cancel();
      const attempt = current;
      if (!attempt) return;
      const token = attempt.token;
      teardown(attempt);
      if (!token || attempt.remembered) return;
      let timer: NodeJS.Timeout | undefined;
      const bounded = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([
        deps.api.logout(attempt.info.serverUrl, token).catch(() => null),
        bounded,
      ]);
      clearTimeout(timer);
      const fields = { outcome: outcome === 'timeout' ? 'timeout' : outcome?.ok ? 'ok' : 'failed' };
      log.info(fields, 'session.logged_out_at_quit');
    },
  };
}
