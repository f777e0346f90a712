import type { BridgeEvent, ParsedBridgeInput, SessionInfo } from '../../../common/bridge';
import { err, type Result } from '../../../common/result';
import { openAccountStorage, type StorageDeps } from '../account/account-storage';
import { readRememberedAccount } from '../account/remembered-account';
import type { AuditLog } from '../audit/audit-log';
import { serverOrigin, SessionTokenHolder, type CredentialStore } from '../credentials';
import type { CreateLogger } from '../log/logger';
import type { RestApi } from '../net/api';
import type { Trust } from '../net/trust';
import { notAllowed } from '../policy/policy-transport';
import { serverAllowed } from '../policy/state';
import { createAttempt, type Attempt, type AttemptInit } from './attempt';
import type { PolicyPort } from './ports';
import { forgetRemembered, keepToken, type TokenDeps } from './remembered-token';
import { restoreRemembered } from './restore';
import { signIn } from './rest-calls';
import type { SessionView } from './view';

export interface SignInDeps {
  api: RestApi;
  trust: Trust;
  view: SessionView;
  emit(event: BridgeEvent): void;
  loggers: CreateLogger;
  readyTimeoutMs: number;
  requestTimeoutMs: number;
  dataDir: string | null;
  credentials: CredentialStore | null;
  audit: AuditLog;
  policy: PolicyPort;
  storageDeps: StorageDeps;
  connect(attempt: Attempt): void;
  teardown(attempt: Attempt): void;
  isCurrent(attempt: Attempt): boolean;
  notice(level: 'info' | 'warning', text: string): void;
}

const originOf = (url: string) => (URL.canParse(url) ? new URL(url).origin : 'invalid');
const READY_TIMEOUT = 'The server did not finish signing in. Please try again.';

/** Sign-in and start-up restore: REST, then the account's cache, then the socket. */
export function createSignIn(deps: SignInDeps) {
  const log = deps.loggers('session');
  const { api, audit, emit, credentials, dataDir } = deps;
  const tokenDeps: TokenDeps = { ...deps, log };
  let busy = false;
  /** Bumped by logout, so a sign-in still talking to the server stops where it is. */
  let epoch = 0;

  function begin(init: Omit<AttemptInit, 'holder'>, remember: boolean): Attempt {
    const store = credentials;
    const holder = store && new SessionTokenHolder({ store, account: init.account, remember });
    const { attempt } = createAttempt(
      { ...init, holder },
      {
        isCurrent: deps.isCurrent,
        log: deps.loggers('outbox'),
        onOutbox: (a) => emit({ type: 'outbox', entries: a.outbox.entries() }),
        onSent(_, message) {
          deps.view.noteRev(message.channelId, message.rev);
          emit({ type: 'message', message });
        },
      },
    );
    return attempt;
  }

  /** Connects and waits for the first `ready`; the attempt settles exactly once. */
  async function established(attempt: Attempt): Promise<Result<SessionInfo>> {
    const outcome = new Promise<Result<SessionInfo>>((resolve) => (attempt.settle = resolve));
    deps.connect(attempt);
    const timer = setTimeout(
      () => attempt.settle(err('timeout', READY_TIMEOUT)),
      deps.readyTimeoutMs,
    );
    const result = await outcome;
    clearTimeout(timer);
    return result;
  }

  async function login(input: ParsedBridgeInput<'login'>): Promise<Result<SessionInfo>> {
    const started = epoch;
    const fields = { origin: originOf(input.serverUrl), username: input.username };
    const cancelled = err<SessionInfo>('not_connected', 'Signed out before sign-in finished.');
    log.info({}, 'session.login_started');

    // Before anything leaves: not even server info goes to a server policy does not allow.
    const policy = deps.policy.current();
    if (!serverAllowed(policy, input.serverUrl)) {
      audit.record('login.failed', { ...fields, errorCode: 'policy_denied' });
      log.warn({ origin: fields.origin }, 'session.server_not_allowed');
      return err('policy_denied', notAllowed(input.serverUrl, policy));
    }

    const signed = await signIn(api, input);
    if (!signed.ok) {
      audit.record('login.failed', { ...fields, errorCode: signed.error.code });
      return signed;
    }
    const { token, user } = signed.value;
    const account = { serverUrl: serverOrigin(input.serverUrl), username: user.username };
    const storage = epoch === started ? await openAccountStorage(account, deps.storageDeps) : null;
    if (!storage || epoch !== started) {
      storage?.close();
      await api.logout(input.serverUrl, token); // best effort: do not leave the session behind
      return cancelled;
    }

    const remember = input.remember && deps.policy.current().allowRememberLogin;
    const info = { serverUrl: input.serverUrl, user };
    const attempt = begin({ info, account, token, storage, established: false }, remember);
    const result = await established(attempt);
    if (!result.ok) {
      deps.teardown(attempt);
      audit.record('login.failed', { ...fields, errorCode: result.error.code });
      await api.logout(input.serverUrl, token); // best effort
      return result;
    }

    // The server's policy came with `ready` and may forbid remembering: the token then stays in
    // memory only.
    if (remember && !deps.policy.current().allowRememberLogin && credentials) {
      attempt.holder = new SessionTokenHolder({ store: credentials, account, remember: false });
    }

    const remembered = await keepToken(attempt, tokenDeps);
    attempt.remembered = remembered;
    audit.record('login.succeeded', { ...fields, userId: user.id, remembered });
    emit({ type: 'outbox', entries: attempt.outbox.entries() });
    log.info({ userId: user.id, remembered }, 'session.login_finished');
    return result;
  }

  /** One sign-in or restore at a time. */
  async function exclusive<T>(busyAnswer: T, work: () => Promise<T>): Promise<T> {
    if (busy) return busyAnswer;
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  }

  return {
    login: (input: ParsedBridgeInput<'login'>) =>
      exclusive(err<SessionInfo>('invalid_input', 'Already signing in.'), () => login(input)),
    restore(): Promise<void> {
      if (!dataDir || !credentials) return Promise.resolve();
      const remembered = readRememberedAccount(dataDir);
      if (remembered && !serverAllowed(deps.policy.current(), remembered.serverUrl)) {
        // GAP(restore-disallowed): the remembered token stays in the keychain, unused, in case
        // IT allows the server again; restore.ts could also forget it. See the wiring report.
        log.warn({ origin: originOf(remembered.serverUrl) }, 'session.restore_not_allowed');
        deps.notice('warning', notAllowed(remembered.serverUrl, deps.policy.current()));
        return Promise.resolve();
      }
      const started = epoch;
      const stillWanted = () => epoch === started;
      const restoreDeps = { ...deps, dataDir, credentials, log, begin, stillWanted };
      return exclusive(undefined, () => restoreRemembered(restoreDeps));
    },
    forgetRemembered: (attempt: Attempt) => forgetRemembered(attempt, tokenDeps),
    cancel: () => void (epoch += 1),
  };
}
