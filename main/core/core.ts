import type { BridgeEvent, BridgeHandlers, Snapshot } from '../../common/bridge';
import { noAudit, type AuditLog } from './audit/audit-log';
import { createBridgeDispatch, type BridgeDispatch } from './bridge/dispatch';
import { DEFAULT_RECONNECT, type ReconnectOptions } from './connection/backoff';
import { createKeytarBackend, CredentialStore } from './credentials';
import { createEventBatcher, type BatchTimer } from './events/batcher';
import { createLoggerFactory, type CreateLogger } from './log/logger';
import { createRestApi } from './net/api';
import { createTrust } from './net/trust';
import { createSessionController, type SessionDeps } from './session/controller';
import { composeSnapshot, createBridgeHandlers } from './session/bridge-handlers';
import {
  fixedPolicy,
  noUpdates,
  silentNotifications,
  type NotificationsPort,
  type PolicyPort,
  type UpdatesPort,
} from './session/ports';
import { createSessionView } from './session/view';

export type { NotificationsPort, PolicyPort, UpdatesPort } from './session/ports';

export interface ParleyCoreOptions {
  /** Receives events for the renderer in batches, in order. */
  onEvents: (batch: BridgeEvent[]) => void;
  /**
   * The app's data folder (Electron: app.getPath('userData')). Holds accounts.json (which
   * account to restore; no secrets) and cache/ (one encrypted database per account). Without
   * it every session uses a throwaway cache and nothing is remembered.
   */
  dataDir?: string;
  /** Session tokens and cache keys. Default with a dataDir: the OS keychain through keytar. */
  credentials?: CredentialStore | null;
  audit?: AuditLog;
  policy?: PolicyPort;
  updates?: UpdatesPort;
  notifications?: NotificationsPort;
  /** After a session ended and its cache closed: where `eraseCacheOnRevocation` hooks in. */
  onSessionEnded?: SessionDeps['onSessionEnded'];
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
  /**
   * Settles once start-up restore is done: a remembered session is then painted from the cache
   * (and connecting). Started by createParleyCore; every bridge call waits for it first.
   */
  restored: Promise<void>;
  /** For modules outside the core (updater, policy loader, notification clicks) to reach the renderer. */
  publish(event: BridgeEvent): void;
  dispose(): Promise<void>;
}

/** The main process's logic behind the bridge, free of Electron: runs under plain Node. */
export function createParleyCore(options: ParleyCoreOptions): ParleyCore {
  const loggers = options.logger ?? createLoggerFactory();
  const log = loggers('core');
  const trust = createTrust(options.extraCaPem);
  const view = createSessionView(options.defaultServerUrl ?? null);
  const policy = options.policy ?? fixedPolicy();
  const updates = options.updates ?? noUpdates;
  const notifications = options.notifications ?? silentNotifications();
  const dataDir = options.dataDir ?? null;
  const credentials =
    options.credentials !== undefined
      ? options.credentials
      : dataDir
        ? new CredentialStore({ backend: createKeytarBackend() })
        : null;
  const batcher = createEventBatcher({
    flush: options.onEvents,
    ...options.batch,
    onFlushError: (error) =>
      log.error({ errorName: (error as Error)?.name }, 'events.listener_failed'),
  });
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const session = createSessionController({
    api: createRestApi(trust, requestTimeoutMs),
    trust,
    view,
    emit: batcher.push,
    loggers,
    ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
    readyTimeoutMs: options.readyTimeoutMs ?? 15_000,
    requestTimeoutMs,
    reconnect: { ...DEFAULT_RECONNECT, ...options.reconnect },
    dataDir,
    credentials,
    audit: options.audit ?? noAudit,
    policy,
    notifications,
    onSessionEnded: options.onSessionEnded,
  });
  const restored = session
    .restore()
    .catch((error: unknown) =>
      log.error({ errorName: (error as Error)?.name }, 'session.restore_failed'),
    );

  const ports = { session, view, policy, updates, notifications };
  const handlers = createBridgeHandlers({
    ...ports,
    typingThrottleMs: options.typingThrottleMs ?? 2_000,
    restored,
  });

  return {
    handlers,
    dispatch: createBridgeDispatch(handlers, loggers('bridge')),
    snapshot: () => composeSnapshot(ports),
    restored,
    publish: batcher.push,
    async dispose() {
      await restored;
      session.close();
      batcher.dispose();
      trust.destroy();
    },
  };
}
