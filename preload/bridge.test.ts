import type { IpcRendererEvent } from 'electron';
import { describe, expect, it } from 'vitest';

import type { BridgeEvent } from '../common/bridge';
import {
  BRIDGE_CHANNELS,
  BRIDGE_EVENT_CHANNEL,
  BRIDGE_OPERATION_NAMES,
} from '../common/bridge-channels';
import { createParleyBridge } from './bridge';
import { asIpcRenderer, FakeIpcRenderer } from './test-support/fake-ipc-renderer';

const ipcEvent = { sender: { secret: 'ipcRenderer' } } as unknown as IpcRendererEvent;
const batch: BridgeEvent[] = [{ type: 'connection', state: 'online' }];

function bridge() {
  const ipc = new FakeIpcRenderer();
  return { ipc, parley: createParleyBridge(asIpcRenderer(ipc)) };
}

describe('preload bridge', () => {
  it('has exactly one function per operation, plus onEvents, and nothing else', () => {
    const { parley } = bridge();

    expect(Object.keys(parley).sort()).toEqual([...BRIDGE_OPERATION_NAMES, 'onEvents'].sort());
    for (const value of Object.values(parley)) expect(typeof value).toBe('function');
  });

  it.each(BRIDGE_OPERATION_NAMES)(
    '%s invokes its own channel with the input only',
    async (name) => {
      const { ipc, parley } = bridge();
      const input = { probe: name };

      const result = await (parley[name] as (input: unknown) => Promise<unknown>)(input);

      expect(ipc.invoked).toEqual([{ channel: BRIDGE_CHANNELS[name], args: [input] }]);
      expect(result).toEqual({ ok: true, value: BRIDGE_CHANNELS[name] });
    },
  );

  it('gives event listeners the batch and never the IPC event object', () => {
    const { ipc, parley } = bridge();
    const received: unknown[][] = [];
    parley.onEvents((...args) => received.push(args));

    ipc.deliver(BRIDGE_EVENT_CHANNEL, ipcEvent, batch);

    expect(received).toEqual([[batch]]);
  });

  it('stops delivering after unsubscribe', () => {
    const { ipc, parley } = bridge();
    const received: BridgeEvent[][] = [];
    const unsubscribe = parley.onEvents((events) => received.push(events));

    unsubscribe();
    ipc.deliver(BRIDGE_EVENT_CHANNEL, ipcEvent, batch);

    expect(received).toEqual([]);
    expect(ipc.listeners.get(BRIDGE_EVENT_CHANNEL)).toEqual([]);
  });
});
