import { describe, expect, it, vi } from 'vitest';

import { BRIDGE_OPERATION_NAMES } from '../common/bridge-channels';
import { FakeContextBridge, FakeIpcRenderer } from './test-support/fake-ipc-renderer';

const fakes = vi.hoisted(() => ({ contextBridge: null as unknown, ipcRenderer: null as unknown }));

// The entry imports 'electron'; hand it our hand-written fakes instead of the real module.
vi.mock('electron', () => fakes);

describe('preload entry', () => {
  it('exposes only window.parley, with the bridge functions and no ipcRenderer', async () => {
    const contextBridge = new FakeContextBridge();
    fakes.contextBridge = contextBridge;
    fakes.ipcRenderer = new FakeIpcRenderer();

    await import('./index');

    expect([...contextBridge.exposed.keys()]).toEqual(['parley']);
    const exposed = contextBridge.exposed.get('parley') as Record<string, unknown>;
    expect(Object.keys(exposed).sort()).toEqual([...BRIDGE_OPERATION_NAMES, 'onEvents'].sort());
    expect(Object.values(exposed)).not.toContain(fakes.ipcRenderer);
  });
});
