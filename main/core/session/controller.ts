import type { z } from 'zod';

import type { BridgeEvent, ParsedBridgeInput, SessionInfo } from '../../../common/bridge';
import { ClientEvents, SyncResponseSchema, type User } from '../../../common/protocol';
import { err, type AppError, type Result } from '../../../common/result';
import type { ReconnectOptions } from '../connection/backoff';
import { openConnection, type Connection } from '../connection/connection';
import type { CreateLogger } from '../log/logger';
import { checkProtocol, type RestApi } from '../net/api';
import type { Trust } from '../net/trust';
import { catchUp } from '../sync/catch-up';
import type { CursorStore } from '../sync/cursor-store';
import { applyServerEvent } from './apply-event';
import type { SessionView } from './view';

export interface SessionDeps {
  api: RestApi;
  trust: Trust;
  view: SessionView;
  cursors: CursorStore;
  emit(event: BridgeEvent): void;
  loggers: CreateLogger;
  ackTimeoutMs: number;
  readyTimeoutMs: number;
  reconnect: ReconnectOptions;
}

export interface SessionController {
  login(input: ParsedBridgeInput<'login'>): Promise<Result<SessionInfo>>;
  /** Ends the session on request; `reason` stays null. */
  logout(): Promise<void>;
  request<T>(event: string, payload: unknown, schema: z.ZodType<T>): Promise<Result<T>>;
  notify(event: string, payload: unknown): void;
  isOnline(): boolean;
  /** Disconnects without telling the server (the app is closing). */
  close(): void;
}

/** One account's live session: the token lives here, in memory only, and nowhere else. */
interface Attempt {
  info: SessionInfo;
  token: string | null;
  connection: Connection | null;
  established: boolean;
  syncRound: number;
  settle(result: Result<SessionInfo>): void;
}

const NOT_CONNECTED = 'Parley is offline. Try again when the connection is back.';

export function createSessionController(deps: SessionDeps): SessionController {
  const log = deps.loggers('session');
  const { view, cursors, emit } = deps;
  let current: Attempt | null = null;
  let busy = false;
  /** Bumped by logout, so a sign-in still talking to the server stops where it is. */
  let epoch = 0;

  function setConnection(state: Parameters<SessionView['setConnection']>[0]): void {
    view.setConnection(state);
    emit({ type: 'connection', state });
  }

  function teardown(attempt: Attempt): void {
    if (current !== attempt) return;
    current = null;
    attempt.connection?.close();
    attempt.token = null;
    view.clear();
    cursors.clear();
    setConnection('offline');
  }

  function startSync(attempt: Attempt, channels: Parameters<typeof catchUp>[0]): void {
    const round = ++attempt.syncRound;
    void catchUp(channels, {
      cursors,
      request: (c) => attempt.connection!.request(ClientEvents.sync, { cursors: c }, SyncResponseSchema), // prettier-ignore
      onChange: (message) => {
        view.noteRev(message.channelId, message.rev);
        emit({ type: 'message', message });
      },
      isCurrent: () => current === attempt && attempt.syncRound === round,
    }).then((result) => {
      if (result.ok) log.info({ delivered: result.value }, 'sync.done');
      else log.warn({ errorCode: result.error.code }, 'sync.failed');
    });
  }

  function open(attempt: Attempt, user: User): Connection {
    return openConnection({
      url: attempt.info.serverUrl,
      token: attempt.token ?? '',
      trust: deps.trust,
      log: deps.loggers('connection'),
      ackTimeoutMs: deps.ackTimeoutMs,
      reconnect: deps.reconnect,
      callbacks: {
        onState: (state) => current === attempt && setConnection(state),
        onReady(ready) {
          if (current !== attempt) return;
          if (!attempt.established) {
            attempt.established = true;
            view.setSession(attempt.info);
            emit({ type: 'session', session: attempt.info, reason: null });
            attempt.settle({ ok: true, value: attempt.info });
          }
          view.applyReady(ready);
          emit({ type: 'ready', channels: ready.channels, users: ready.users, online: ready.online }); // prettier-ignore
          startSync(attempt, ready.channels);
        },
        onEvent: (event) =>
          current === attempt && applyServerEvent(event, { view, cursors, emit, selfId: user.id }),
        onEnded(end) {
          if (current !== attempt) return;
          log.warn({ reasonCode: end.code }, 'session.ended');
          if (!attempt.established) return attempt.settle(err(end.code, end.reason));
          teardown(attempt);
          emit({ type: 'session', session: null, reason: end.reason });
        },
        onConnectFailure(error: AppError) {
          if (!attempt.established) attempt.settle(err(error.code, error.message));
        },
      },
    });
  }

  async function connect(serverUrl: string, token: string, user: User) {
    let settle: (result: Result<SessionInfo>) => void = () => undefined;
    const outcome = new Promise<Result<SessionInfo>>((resolve) => (settle = resolve));
    const info = { serverUrl, user };
    const attempt: Attempt = { info, token, connection: null, established: false, syncRound: 0, settle }; // prettier-ignore
    current = attempt;
    setConnection('connecting');
    attempt.connection = open(attempt, user);

    const timer = setTimeout(
      () => settle(err('timeout', 'The server did not finish signing in. Please try again.')),
      deps.readyTimeoutMs,
    );
    const result = await outcome;
    clearTimeout(timer);
    if (!result.ok) {
      teardown(attempt);
      await deps.api.logout(serverUrl, token); // best effort: do not leave the session behind
    }
    return result;
  }

  return {
    async login({ serverUrl, username, password }) {
      if (current || busy) return err('invalid_input', 'Already signed in. Sign out first.');
      busy = true;
      const started = epoch;
      const cancelled = err<SessionInfo>('not_connected', 'Signed out before sign-in finished.');
      try {
        log.info({}, 'session.login_started');
        const info = await deps.api.info(serverUrl);
        if (!info.ok) return info;
        if (epoch !== started) return cancelled;
        const compatible = checkProtocol(info.value);
        if (!compatible.ok) return compatible;

        const login = await deps.api.login(serverUrl, username, password);
        if (!login.ok) return login;
        if (epoch !== started) {
          await deps.api.logout(serverUrl, login.value.token); // best effort
          return cancelled;
        }
        const result = await connect(serverUrl, login.value.token, login.value.user);
        log.info({ userId: login.value.user.id, ok: result.ok }, 'session.login_finished');
        return result;
      } finally {
        busy = false;
      }
    },

    async logout() {
      epoch += 1;
      const attempt = current;
      if (!attempt) return;
      const token = attempt.token;
      attempt.settle(err('not_connected', 'Signed out before the connection was ready.'));
      teardown(attempt);
      emit({ type: 'session', session: null, reason: null });
      log.info({ userId: attempt.info.user.id }, 'session.logged_out');
      if (token) await deps.api.logout(attempt.info.serverUrl, token); // best effort
    },

    request(event, payload, schema) {
      const connection = current?.established ? current.connection : null;
      if (!connection) return Promise.resolve(err('not_connected', NOT_CONNECTED));
      return connection.request(event, payload, schema);
    },
    notify: (event, payload) => current?.connection?.notify(event, payload),
    isOnline: () => current?.connection?.state === 'online',
    close: () => current && teardown(current),
  };
}
