import type { BridgeEvent, BridgeHandlers, Snapshot } from '../../common/bridge';
import type { EffectivePolicy } from '../../common/policy';
import { noAudit, type AuditLog } from './audit/audit-log';
import { createBridgeDispatch, type BridgeDispatch } from './bridge/dispatch';
import { DEFAULT_RECONNECT, type ReconnectOptions } from './connection/backoff';
import { createKeytarBackend, CredentialStore } from './credentials';
import { createEventBatcher, type BatchTimer } from './events/batcher';
import { createLoggerFactory, type CreateLogger } from './log/logger';
import { createRestApi } from './net/api';
import type { ProxyEnv } from './net/proxy';
import { createPolicyTransport } from './policy/policy-transport';
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

/** The policy state (main/core/policy createPolicyState); `clearServerPolicy` after sign-out. */
export interface CorePolicy extends PolicyPort {
  clearServerPolicy?(): EffectivePolicy;
}

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
  /**
   * The effective policy (machine, user, then the server's after sign-in). The core builds its
   * transport from it (extra CA files, pins), refuses servers it does not allow, applies the
   * server's policy from `ready` and clears it when the session ends. Default: DEFAULT_POLICY.
   */
  policy?: CorePolicy;
  updates?: UpdatesPort;
  notifications?: NotificationsPort;
  /** After a session ended and its cache closed: where `eraseCacheOnRevocation` hooks in. */
  onSessionEnded?: SessionDeps['onSessionEnded'];
  /**
   * CA certificates trusted on top of the system roots and policy's `extraCaFiles` (the shell's
   * development CA).
   */
  extraCaPem?: string[];
  /** Where HTTPS_PROXY / NO_PROXY are read from; the shell passes process.env. Default: none. */
  proxyEnv?: ProxyEnv;
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
  /**
   * True while a timed-out keychain call still blocks a worker thread: Node's normal exit would
   * wait for it, so the shell force-exits after dispose.
   */
  keychainStuck(): boolean;
  dispose(): Promise<void>;
}

/** How long quitting waits for the server to end a session that is not remembered. */
const QUIT_LOGOUT_TIMEOUT_MS = 2_000;

/** Drops a `policy` event equal to the last one sent: a change reaches the renderer once. */
function samePolicyOnce(push: (event: BridgeEvent) => void): (event: BridgeEvent) => void {
  let last: string | null = null;

  return (event) => {
    if (event.type === 'policy') {
      const json = JSON.stringify(event.policy);
      if (json === last) return;
      last = json;
    }
    push(event);
  };
}

/** The main process's logic behind the bridge, free of Electron: runs under plain Node. */
export function createParleyCore(options: ParleyCoreOptions): ParleyCore {
  const loggers = options.logger ?? createLoggerFactory();
  const log = loggers('core');
  const audit = options.audit ?? noAudit;
  const view = createSessionView(options.defaultServerUrl ?? null);
  const policy: CorePolicy = options.policy ?? fixedPolicy();
  const trust = createPolicyTransport({
    policy,
    extraCaPem: options.extraCaPem,
    proxyEnv: options.proxyEnv,
    audit,
    log: loggers('net'),
  });
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
  const emit = samePolicyOnce(batcher.push);
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;

  // The server no longer speaks once its session is over (after any eraseCacheOnRevocation
  // hook has read the policy in force when it ended).
  const onSessionEnded: SessionDeps['onSessionEnded'] = async (ended) => {
    await Promise.resolve(options.onSessionEnded?.(ended)).catch((error: unknown) =>
      log.error({ errorName: (error as Error)?.name }, 'session.ended_hook_failed'),
    );
    const cleared = policy.clearServerPolicy?.();
    if (cleared) emit({ type: 'policy', policy: cleared });
  };

  const api = createRestApi(trust, requestTimeoutMs);
  const session = createSessionController({
    api,
    trust,
    view,
    emit,
    loggers,
    ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
    readyTimeoutMs: options.readyTimeoutMs ?? 15_000,
    requestTimeoutMs,
    reconnect: { ...DEFAULT_RECONNECT, ...options.reconnect },
    dataDir,
    credentials,
    audit,
    policy,
    notifications,
    onSessionEnded,
  });
  const restored = session
    .restore()
    .catch((error: unknown) =>
      log.error({ errorName: (error as Error)?.name }, 'session.restore_failed'),
    );

  const ports = { session, view, policy, updates, notifications };
  const handlers = createBridgeHandlers({
    ...ports,
    api,
    typingThrottleMs: options.typingThrottleMs ?? 2_000,
    restored,
  });

  return {
    handlers,
    dispatch: createBridgeDispatch(handlers, loggers('bridge')),
    snapshot: () => composeSnapshot(ports),
    restored,
    publish: emit,
    keychainStuck: () => credentials?.keychainStuck ?? false,
    async dispose() {
      await restored;
      await session.quit(QUIT_LOGOUT_TIMEOUT_MS);
      batcher.dispose();
      trust.destroy();
    },
  };
}
