import type { BridgeEvent, BridgeHandlers, Snapshot } from '../../common/bridge';
import { ok } from '../../common/result';
import { createBridgeDispatch, type DispatchLogger } from '../core/bridge/dispatch';
import type { CreateShellCore, ShellCore, ShellCoreOptions } from './core-port';

/** What the adapter needs from a core that does not take `notifications` yet. */
export interface CoreWithoutNotifications {
  handlers: BridgeHandlers;
  snapshot(): Snapshot;
  dispose(): void | Promise<void>;
}

/**
 * TEMPORARY (remove when main/core/core.ts accepts `notifications` in its options and calls it
 * as ShellCoreOptions describes; then main.ts passes the options straight to createParleyCore).
 *
 * Until then this does the core's part from outside: feeds every `message` event to
 * `onMessage`, answers `setActiveChannel` and `setChannelNotifications`, and fills
 * `Snapshot.notificationModes`. Payloads still go through the one validating dispatch.
 */
export function adaptCoreForNotifications(
  createCore: (options: Omit<ShellCoreOptions, 'notifications'>) => CoreWithoutNotifications,
  log: DispatchLogger,
): CreateShellCore {
  return ({ notifications, ...options }): ShellCore => {
    if (!notifications) {
      const core = createCore(options);
      return { ...core, dispatch: createBridgeDispatch(core.handlers, log) };
    }

    const onEvents = (batch: BridgeEvent[]) => {
      for (const event of batch)
        if (event.type === 'message') notifications.onMessage(event.message);
      options.onEvents(batch);
    };
    const core = createCore({ ...options, onEvents });
    const withModes = (snapshot: Snapshot): Snapshot => ({
      ...snapshot,
      notificationModes: notifications.modes(),
    });

    const handlers: BridgeHandlers = {
      ...core.handlers,
      getSnapshot: async (input) => {
        const result = await core.handlers.getSnapshot(input);
        return result.ok ? ok(withModes(result.value)) : result;
      },
      setActiveChannel: async (input) => {
        notifications.setActiveChannel(input);
        return ok(null);
      },
      setChannelNotifications: async ({ channelId, mode }) => {
        notifications.setMode(channelId, mode);
        return ok(null);
      },
    };

    return {
      dispatch: createBridgeDispatch(handlers, log),
      snapshot: () => withModes(core.snapshot()),
      dispose: () => core.dispose(),
    };
  };
}
