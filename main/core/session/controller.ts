import { err, ok } from '../../../common/result';
import type { StorageDeps } from '../account/account-storage';
import type { SessionEnd } from '../connection/refusals';
import type { Attempt } from './attempt';
import { openLive } from './live';
import { changePassword } from './rest-calls';
import { createSignIn } from './sign-in';
import type { SessionController, SessionDeps } from './types';
import type { SessionView } from './view';

export type { SessionController, SessionDeps } from './types';

const NOT_CONNECTED = 'Parley is offline. Try again when the connection is back.';

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

  function teardown(attempt: Attempt): void {
    if (current !== attempt) return;
    current = null;
    attempt.connection?.close();
    attempt.token = null;
    attempt.outbox.stop();
    attempt.storage.close();
    deps.notifications.reset?.();
    view.clear();
    emit({ type: 'outbox', entries: [] });
    setConnection('offline');
  }

  /** The server ended the session: it is over here too, and no remembered token stays behind. */
  function ended(attempt: Attempt, end: SessionEnd): void {
    log.warn({ reasonCode: end.code }, 'session.ended');
    const fields = {
      origin: attempt.account.serverUrl,
      userId: attempt.info.user.id,
      code: end.code,
    };
    if (end.code === 'session_revoked') deps.audit.record('session.revoked', fields);
    if (end.code === 'session_expired') deps.audit.record('session.expired', fields);
    teardown(attempt);
    emit({ type: 'session', session: null, reason: end.reason });
    void signIn
      .forgetRemembered(attempt)
      .then(() => deps.onSessionEnded?.({ account: attempt.account, code: end.code }));
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
    login: (input) =>
      current
        ? Promise.resolve(err('invalid_input', 'Already signed in. Sign out first.'))
        : signIn.login(input),
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
    async changePassword(input) {
      const token = current?.established ? current.token : null;
      if (!current || !token) return err('not_connected', NOT_CONNECTED);
      const result = await changePassword(
        deps.trust,
        { serverUrl: current.info.serverUrl, token },
        input,
        deps.requestTimeoutMs,
      );
      return result.ok ? ok(null) : result;
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
  };
}
