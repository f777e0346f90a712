import type { ChannelNotificationMode } from '../../../common/bridge';
import type { AppError } from '../../../common/result';
import { useStore } from '../store/store';
import { call } from './bridge';

/** Shown at once; put back if main refuses. */
export async function setChannelNotifications(
  channelId: string,
  mode: ChannelNotificationMode,
): Promise<void> {
  const store = useStore.getState();
  const before = store.notificationModes[channelId];
  store.setNotificationMode(channelId, mode);

  const result = await call((parley) => parley.setChannelNotifications({ channelId, mode }));
  if (result.ok) return;

  useStore.setState((state) => {
    const modes = { ...state.notificationModes };
    if (before === undefined) delete modes[channelId];
    else modes[channelId] = before;
    return { notificationModes: modes, lastError: result.error };
  });
}

export async function rotateCacheKey(): Promise<AppError | null> {
  const result = await call((parley) => parley.rotateCacheKey({}));
  return result.ok ? null : result.error;
}

export async function installUpdate(): Promise<void> {
  const result = await call((parley) => parley.installUpdate({}));
  if (!result.ok) useStore.getState().reportError(result.error);
}

/** Tells main what the user is looking at, so it does not notify about it. */
export function reportActiveChannel(channelId: string | null, windowFocused: boolean): void {
  void call((parley) => parley.setActiveChannel({ channelId, windowFocused }));
}
