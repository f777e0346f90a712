/** A hand-written stand-in for the preload's slice of Electron: ipcRenderer and contextBridge. */
import type { ContextBridge, IpcRenderer, IpcRendererEvent } from 'electron';

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

export class FakeIpcRenderer {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  readonly listeners = new Map<string, Listener[]>();

  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return { ok: true, value: channel };
  }

  on(channel: string, listener: Listener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }

  removeListener(channel: string, listener: Listener): this {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  /** What main's `webContents.send(channel, ...args)` does on this side. */
  deliver(channel: string, event: IpcRendererEvent, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
}

export class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();

  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  }
}

export const asIpcRenderer = (fake: FakeIpcRenderer) => fake as unknown as IpcRenderer;
export const asContextBridge = (fake: FakeContextBridge) => fake as unknown as ContextBridge;
