import type { BridgeHandlers, Snapshot } from '../../../common/bridge';
import type { RestApi } from '../net/api';
import { err, ok } from '../../../common/result';
import { createMessageHandlers } from './message-handlers';
import type { NotificationsPort, PolicyPort, UpdatesPort } from './ports';
import type { SessionController } from './types';
import type { SessionView } from './view';

export interface HandlerDeps {
  session: SessionController;
  api: Pick<RestApi, 'info'>;
  view: SessionView;
  policy: PolicyPort;
  updates: UpdatesPort;
  notifications: NotificationsPort;
  typingThrottleMs: number;
  /** Settles when start-up restore is done; every operation waits for it first. */
  restored: Promise<void>;
}

/** The whole snapshot: the session's own part plus outbox, policy, update and notification modes. */
export function composeSnapshot(
  deps: Omit<HandlerDeps, 'typingThrottleMs' | 'restored' | 'api'>,
): Snapshot {
  return {
    ...deps.view.snapshot(),
    outbox: deps.session.active()?.outbox.entries() ?? [],
    policy: deps.policy.current(),
    update: deps.updates.status(),
    notificationModes: deps.notifications.modes(),
  };
}

/** Every bridge operation, as thin calls into the session and the injected modules. */
export function createBridgeHandlers(deps: HandlerDeps): BridgeHandlers {
  const { session, notifications, updates } = deps;
  const immediate: BridgeHandlers = {
    login: (input) => session.login(input),
    logout: async () => {
      await session.logout();
      return ok(null);
    },
    getSnapshot: async () => ok(composeSnapshot(deps)),
    getServerInfo: async ({ serverUrl }) => {
      const info = await deps.api.info(serverUrl);
      if (!info.ok) return info;
      const { name, forgotPasswordUrl } = info.value;
      return ok({ name, forgotPasswordUrl: forgotPasswordUrl ?? null });
    },
    ...createMessageHandlers(session, {
      typingThrottleMs: deps.typingThrottleMs,
      policy: deps.policy,
    }),
    rotateCacheKey: async () =>
      session.active()?.storage.rotateKey() ?? err('not_connected', 'Sign in first.'),
    setActiveChannel: async (input) => {
      notifications.setActiveChannel(input);
      return ok(null);
    },
    setChannelNotifications: async ({ channelId, mode }) => {
      notifications.setMode(channelId, mode);
      return ok(null);
    },
    changePassword: (input) => session.changePassword(input),
    installUpdate: () => updates.install(),
  };

  // Nothing answers before restore has painted the remembered session (or found none), so the
  // renderer's first getSnapshot already shows it.
  const wrapped: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(immediate)) {
    const call = handler as (input: never) => Promise<unknown>;
    wrapped[name] = async (input) => {
      await deps.restored;
      return call(input);
    };
  }
  return wrapped as BridgeHandlers;
}
