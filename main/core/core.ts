import type { BridgeEvent, BridgeHandlers, Snapshot } from '../../common/bridge';
import { ok } from '../../common/result';
import { createBridgeDispatch, type BridgeDispatch } from './bridge/dispatch';
import { DEFAULT_RECONNECT, type ReconnectOptions } from './connection/backoff';
import { createEventBatcher, type BatchTimer } from './events/batcher';
import { createLoggerFactory, type CreateLogger } from './log/logger';
import { createRestApi } from './net/api';
import { createTrust } from './net/trust';
import { createSessionController } from './session/controller';
import { createMessageHandlers } from './session/message-handlers';
import { createSessionView } from './session/view';
import { createMemoryCursorStore } from './sync/cursor-store';

export interface ParleyCoreOptions {
  /** Receives events for the renderer in batches, in order. */
  onEvents: (batch: BridgeEvent[]) => void;
  /** CA certificates trusted on top of the system roots (an organisation's private CA). */
  extraCaPem?: string[];
  defaultServerUrl?: string | null;
  /** How long a socket request waits for the server's acknowledgement. Default 10 s. */
  ackTimeoutMs?: number;
  /** Per-module logger factory; defaults to JSON lines on stdout at level info. */
  logger?: CreateLogger;
  reconnect?: Partial<ReconnectOptions>;
  /** REST timeout. Default 10 s. */
  requestTimeoutMs?: number;
  /** How long login waits for the socket's `ready`. Default 15 s. */
  readyTimeoutMs?: number;
  typingThrottleMs?: number;
  batch?: { intervalMs?: number; maxBatch?: number; timer?: BatchTimer };
}

export interface ParleyCore {
  handlers: BridgeHandlers;
  dispatch: BridgeDispatch;
  snapshot(): Snapshot;
  dispose(): Promise<void>;
}

/** The main process's logic behind the bridge, free of Electron: runs under plain Node. */
export function createParleyCore(options: ParleyCoreOptions): ParleyCore {
  const loggers = options.logger ?? createLoggerFactory();
  const log = loggers('core');
  const trust = createTrust(options.extraCaPem);
  const view = createSessionView(options.defaultServerUrl ?? null);
  const batcher = createEventBatcher({
    flush: options.onEvents,
    ...options.batch,
    onFlushError: (error) => log.error({ errorName: (error as Error)?.name }, 'events.listener_failed'), // prettier-ignore
  });

  const session = createSessionController({
    api: createRestApi(trust, options.requestTimeoutMs ?? 10_000),
    trust,
    view,
    cursors: createMemoryCursorStore(),
    emit: batcher.push,
    loggers,
    ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
    readyTimeoutMs: options.readyTimeoutMs ?? 15_000,
    reconnect: { ...DEFAULT_RECONNECT, ...options.reconnect },
  });

  const handlers: BridgeHandlers = {
    login: (input) => session.login(input),
    logout: async () => {
      await session.logout();
      return ok(null);
    },
    getSnapshot: async () => ok(view.snapshot()),
    ...createMessageHandlers(session, { typingThrottleMs: options.typingThrottleMs ?? 2_000 }),
  };

  return {
    handlers,
    dispatch: createBridgeDispatch(handlers, loggers('bridge')),
    snapshot: () => view.snapshot(),
    async dispose() {
      session.close();
      batcher.dispose();
      trust.agent.destroy();
    },
  };
}
