import type { BridgeEvent, ConnectionState } from '../../../common/bridge';
import {
  ClientEvents,
  SyncResponseSchema,
  type Channel,
  type ReadyEvent,
} from '../../../common/protocol';
import { err, type AppError } from '../../../common/result';
import type { ReconnectOptions } from '../connection/backoff';
import { openConnection, type Connection } from '../connection/connection';
import type { SessionEnd } from '../connection/refusals';
import type { CreateLogger } from '../log/logger';
import type { Trust } from '../net/trust';
import { catchUp } from '../sync/catch-up';
import { applyServerEvent } from './apply-event';
import type { Attempt } from './attempt';
import type { NotificationsPort, PolicyPort } from './ports';
import type { SessionView } from './view';

export interface LiveContext {
  trust: Trust;
  view: SessionView;
  loggers: CreateLogger;
  ackTimeoutMs: number;
  reconnect: ReconnectOptions;
  policy: PolicyPort;
  notifications: NotificationsPort;
  emit(event: BridgeEvent): void;
  isCurrent(attempt: Attempt): boolean;
  setConnection(state: ConnectionState): void;
  /** The first `ready` of a new sign-in: the session is now shown. */
  onEstablished(attempt: Attempt): void;
  /** The server ended the session for good. */
  onEnded(attempt: Attempt, end: SessionEnd): void;
}

/** After each `ready`: catch up since the stored cursors, then send what waited in the outbox. */
function startSync(attempt: Attempt, channels: Channel[], ctx: LiveContext): void {
  const log = ctx.loggers('sync');
  const round = ++attempt.syncRound;
  const isCurrent = () => ctx.isCurrent(attempt) && attempt.syncRound === round;
  const { cache } = attempt.storage;
  attempt.syncing = true;
  void catchUp(channels, {
    cursors: attempt.cursors,
    request: (cursors) =>
      attempt.connection?.request(ClientEvents.sync, { cursors }, SyncResponseSchema) ??
      Promise.resolve(err('not_connected', 'offline')),
    onChange: (message) => {
      cache.applyMessages([message]);
      ctx.view.noteRev(message.channelId, message.rev);
      ctx.emit({ type: 'message', message });
      ctx.notifications.onMessage(message);
    },
    isCurrent,
  })
    .catch((error: unknown) => {
      log.error({ errorName: (error as Error)?.name }, 'sync.crashed');
      return err('internal', 'catch-up stopped');
    })
    .then((result) => {
      if (!isCurrent()) return;
      attempt.syncing = false;
      if (result.ok) log.info({ delivered: result.value }, 'sync.done');
      else log.warn({ errorCode: result.error.code }, 'sync.failed');
      void attempt.outbox.flush();
    });
}

/**
 * The cache was found damaged and rebuilt empty while in use: put back what the session knows
 * (channels, users), forget the cursors of the old file and catch up again from the server.
 */
function afterRebuild(attempt: Attempt, ctx: LiveContext): void {
  const { cache } = attempt.storage;
  const { channels, users } = ctx.view.snapshot();
  cache.upsertChannels(channels);
  cache.upsertUsers(users);
  attempt.cursors.clear();
  ctx.emit({ type: 'outbox', entries: attempt.outbox.entries() });
  if (attempt.connection?.state === 'online') startSync(attempt, channels, ctx);
}

function onReady(attempt: Attempt, ready: ReadyEvent, ctx: LiveContext): void {
  const { cache } = attempt.storage;
  cache.upsertChannels(ready.channels);
  cache.upsertUsers(ready.users);
  if (!attempt.established) ctx.onEstablished(attempt);
  if (ready.policy)
    ctx.emit({ type: 'policy', policy: ctx.policy.applyServerPolicy(ready.policy) });
  ctx.view.applyReady(ready);
  ctx.emit({ type: 'ready', channels: ready.channels, users: ready.users, online: ready.online });
  startSync(attempt, ready.channels, ctx);
}

/** The socket of one attempt; every callback is ignored once the attempt is not current. */
export function openLive(attempt: Attempt, ctx: LiveContext): Connection {
  const current = () => ctx.isCurrent(attempt);
  attempt.storage.onRebuilt(() => current() && afterRebuild(attempt, ctx));
  return openConnection({
    url: attempt.info.serverUrl,
    token: attempt.token ?? '',
    trust: ctx.trust,
    log: ctx.loggers('connection'),
    ackTimeoutMs: ctx.ackTimeoutMs,
    reconnect: ctx.reconnect,
    callbacks: {
      onState: (state) => current() && ctx.setConnection(state),
      onReady: (ready) => current() && onReady(attempt, ready, ctx),
      onEvent(event) {
        if (!current()) return;
        const { view, emit } = ctx;
        const { cursors, syncing } = attempt;
        const onMessage = (message: Parameters<NotificationsPort['onMessage']>[0]) =>
          ctx.notifications.onMessage(message);
        applyServerEvent(event, {
          view,
          cursors,
          cache: attempt.storage.cache,
          emit,
          selfId: attempt.info.user.id,
          syncing,
          onMessage,
          log: ctx.loggers('session'),
        });
      },
      onEnded(end) {
        if (!current()) return;
        if (!attempt.established) return attempt.settle(err(end.code, end.reason));
        ctx.onEnded(attempt, end);
      },
      onConnectFailure(error: AppError) {
        if (!attempt.established) attempt.settle(err(error.code, error.message));
      },
    },
  });
}
