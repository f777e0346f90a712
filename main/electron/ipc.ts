import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';

import type { BridgeEvent } from '../../common/bridge';
import { BRIDGE_CHANNELS, BRIDGE_EVENT_CHANNEL, BRIDGE_OPERATION_NAMES } from '../../common/bridge';
import { err, type Result } from '../../common/result';
import type { BridgeDispatch } from '../core/bridge/dispatch';
import { isAppUrl } from './app-protocol';
import type { ShellLogger } from './log';

/**
 * The sender must be the top-level frame of our own window, showing our own origin. Threat: an
 * iframe, a navigated page or another window reaching the bridge.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, contents: WebContents | null): boolean {
  const frame = event.senderFrame;
  if (!contents || contents.isDestroyed() || !frame) return false;

  if (event.sender !== contents || frame !== contents.mainFrame || frame.parent !== null) {
    return false;
  }

  return isAppUrl(frame.url);
}

export interface BridgeIpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dispatch: BridgeDispatch;
  /** The contents of our window, or null while there is none. */
  getContents: () => WebContents | null;
  log: ShellLogger;
}

/**
 * The one wrapper every bridge channel goes through: the sender check here, then the core's
 * dispatch (known operation, payload parses with its schema). Only `ipcMain.handle` is used: a
 * channel outside BRIDGE_CHANNELS has no handler, so `invoke` on it rejects in the renderer.
 * Returns an unregister.
 */
export function registerBridgeIpc(deps: BridgeIpcDeps): () => void {
  const guarded =
    (operation: string) =>
    async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> => {
      try {
        if (!isTrustedSender(event, deps.getContents())) {
          deps.log.warn({ operation }, 'bridge.forbidden_sender');
          return err('forbidden', 'This request did not come from the Parley window.');
        }

        return await deps.dispatch(operation, payload);
      } catch (error) {
        // Nothing may throw across IPC: Electron would hand the page the error's message.
        deps.log.error({ operation, errorName: (error as Error)?.name }, 'bridge.wrapper_failed');
        return err('internal', 'Something went wrong inside Parley. Please try again.');
      }
    };

  for (const operation of BRIDGE_OPERATION_NAMES) {
    deps.ipcMain.handle(BRIDGE_CHANNELS[operation], guarded(operation));
  }

  return () => {
    for (const operation of BRIDGE_OPERATION_NAMES) {
      deps.ipcMain.removeHandler(BRIDGE_CHANNELS[operation]);
    }
  };
}

/** Sends core events to the window, dropping them while no live window exists. */
export function createEventForwarder(getWindow: () => BrowserWindow | null) {
  return (batch: BridgeEvent[]): void => {
    const window = getWindow();
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;

    window.webContents.send(BRIDGE_EVENT_CHANNEL, batch);
  };
}
