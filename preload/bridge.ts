import type { ContextBridge, IpcRenderer, IpcRendererEvent } from 'electron';

import type { BridgeEvent, BridgeInput, BridgeOutputs, ParleyBridge } from '../common/bridge';
import {
  BRIDGE_CHANNELS,
  BRIDGE_EVENT_CHANNEL,
  type BridgeOperation,
} from '../common/bridge-channels';
import type { Result } from '../common/result';

type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * Builds `window.parley`: one function per operation, each bound to its own channel, plus one
 * event subscription. Never ipcRenderer itself, never a generic invoke.
 */
export function createParleyBridge(ipc: BridgeIpc): ParleyBridge {
  const call =
    <K extends BridgeOperation>(operation: K) =>
    (input: BridgeInput<K>): Promise<Result<BridgeOutputs[K]>> =>
      ipc.invoke(BRIDGE_CHANNELS[operation], input);

  return {
    login: call('login'),
    logout: call('logout'),
    getSnapshot: call('getSnapshot'),
    getServerInfo: call('getServerInfo'),
    loadMessages: call('loadMessages'),
    sendMessage: call('sendMessage'),
    editMessage: call('editMessage'),
    deleteMessage: call('deleteMessage'),
    notifyTyping: call('notifyTyping'),
    reportActivity: call('reportActivity'),
    searchMessages: call('searchMessages'),
    retrySend: call('retrySend'),
    discardUnsent: call('discardUnsent'),
    rotateCacheKey: call('rotateCacheKey'),
    setActiveChannel: call('setActiveChannel'),
    setChannelNotifications: call('setChannelNotifications'),
    changePassword: call('changePassword'),
    installUpdate: call('installUpdate'),

    onEvents(listener) {
      // The page gets the batch only: the IPC event object would hand it `sender`.
      const forward = (_event: IpcRendererEvent, batch: BridgeEvent[]) => listener(batch);
      ipc.on(BRIDGE_EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(BRIDGE_EVENT_CHANNEL, forward);
      };
    },
  };
}

export function exposeParleyBridge(
  contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>,
  ipc: BridgeIpc,
): void {
  contextBridge.exposeInMainWorld('parley', createParleyBridge(ipc));
}
