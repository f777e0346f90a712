import { describe, expect, it, vi } from 'vitest';

import { BRIDGE_CHANNELS, BRIDGE_EVENT_CHANNEL, type BridgeHandlers } from '../../common/bridge';
import { ok } from '../../common/result';
import { createBridgeDispatch } from '../core/bridge/dispatch';
import { createEventForwarder, registerBridgeIpc } from './ipc';
import {
  asBrowserWindow,
  asWebContents,
  FakeBrowserWindow,
  FakeIpcMain,
  FakeWebContents,
  FakeWebFrame,
} from './test-support/fake-electron';

const silent = { info() {}, warn() {}, error() {} };

function setup() {
  const ipcMain = new FakeIpcMain();
  const contents = new FakeWebContents();
  const dispatch = vi.fn(async () => ok('dispatched'));
  let current: FakeWebContents | null = contents;
  const unregister = registerBridgeIpc({
    ipcMain,
    dispatch,
    getContents: () => (current ? asWebContents(current) : null),
    log: silent,
  });
  const closeWindow = () => (current = null);
  return { ipcMain, contents, dispatch, unregister, closeWindow };
}

const forbidden = { ok: false, error: { code: 'forbidden', message: expect.any(String) } };

describe('bridge IPC registration', () => {
  it('handles exactly one channel per bridge operation, and unregisters them all', () => {
    const { ipcMain, unregister } = setup();

    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(BRIDGE_CHANNELS).sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('bridge IPC sender check', () => {
  it('dispatches a call from our window’s main frame with its operation and payload', async () => {
    const { ipcMain, contents, dispatch } = setup();
    const payload = { channelId: 'c1' };

    const result = await ipcMain.invoke(
      'typing:notify',
      { sender: contents, frame: contents.mainFrame },
      payload,
    );

    expect(result).toEqual(ok('dispatched'));
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('notifyTyping', payload);
  });

  it('refuses a call from a subframe of our window without dispatching', async () => {
    const { ipcMain, contents, dispatch } = setup();
    const iframe = new FakeWebFrame('app://parley/index.html', contents.mainFrame);

    const result = await ipcMain.invoke('session:logout', { sender: contents, frame: iframe }, {});

    expect(result).toEqual(forbidden);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it.each([
    'https://evil.example/',
    'file:///tmp/index.html',
    'app://parley.evil/index.html',
    'app://parley@evil/index.html',
    'app://other/index.html',
    'about:blank',
  ])('refuses a main frame showing %s without dispatching', async (url) => {
    const { ipcMain, contents, dispatch } = setup();
    contents.mainFrame.url = url;

    const result = await ipcMain.invoke('session:snapshot', {
      sender: contents,
      frame: contents.mainFrame,
    });

    expect(result).toEqual(forbidden);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses another window’s contents, a vanished frame, and calls after our window closed', async () => {
    const { ipcMain, contents, dispatch, closeWindow } = setup();
    const stranger = new FakeWebContents();

    const calls = [
      ipcMain.invoke('session:snapshot', { sender: stranger, frame: stranger.mainFrame }),
      ipcMain.invoke('session:snapshot', { sender: contents, frame: null }),
    ];
    expect(await Promise.all(calls)).toEqual([forbidden, forbidden]);

    closeWindow();
    const late = await ipcMain.invoke('session:snapshot', {
      sender: contents,
      frame: contents.mainFrame,
    });
    expect(late).toEqual(forbidden);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('leaves payload validation to the core dispatch, which refuses a bad payload', async () => {
    const ipcMain = new FakeIpcMain();
    const contents = new FakeWebContents();
    const notifyTyping = vi.fn(async () => ok(null));
    const handlers = { notifyTyping } as unknown as BridgeHandlers;
    registerBridgeIpc({
      ipcMain,
      dispatch: createBridgeDispatch(handlers, silent),
      getContents: () => asWebContents(contents),
      log: silent,
    });

    const result = await ipcMain.invoke(
      'typing:notify',
      { sender: contents, frame: contents.mainFrame },
      { channelId: 42, extra: true },
    );

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(notifyTyping).not.toHaveBeenCalled();
  });
});

describe('core event forwarding', () => {
  const batch = [{ type: 'connection', state: 'online' }] as const;

  it('sends each batch to the live window on the one event channel', () => {
    const window = new FakeBrowserWindow({});
    const forward = createEventForwarder(() => asBrowserWindow(window));

    forward([...batch]);

    expect(window.webContents.sent).toEqual([
      { channel: BRIDGE_EVENT_CHANNEL, args: [[...batch]] },
    ]);
  });

  it('drops batches while there is no window or it was destroyed', () => {
    const window = new FakeBrowserWindow({});
    window.close();

    expect(() => createEventForwarder(() => null)([...batch])).not.toThrow();
    expect(() => createEventForwarder(() => asBrowserWindow(window))([...batch])).not.toThrow();
    expect(window.webContents.sent).toEqual([]);
  });
});

describe('bridge IPC: channels outside the contract', () => {
  it.each(['parley:events', 'session:evil', 'messages:send ', 'Session:login', '__proto__', ''])(
    'registers no handler for %j, so an invoke on it is rejected by Electron',
    async (channel) => {
      const { ipcMain, contents } = setup();

      expect(ipcMain.handlers.has(channel)).toBe(false);
      await expect(
        ipcMain.invoke(channel, { sender: contents, frame: contents.mainFrame }, {}),
      ).rejects.toThrow(/No handler/);
    },
  );

  it('never listens with ipcMain.on/once/handleOnce: every call is invoke-style through the wrapper', () => {
    const { ipcMain } = setup();

    expect(ipcMain.otherRegistrations).toEqual([]);
  });

  it('turns a throwing dispatch into a typed internal error instead of a rejected invoke', async () => {
    const ipcMain = new FakeIpcMain();
    const contents = new FakeWebContents();
    registerBridgeIpc({
      ipcMain,
      dispatch: async () => {
        throw new Error('boom with /home/user/secret path');
      },
      getContents: () => asWebContents(contents),
      log: silent,
    });

    const result = await ipcMain.invoke(
      'session:snapshot',
      { sender: contents, frame: contents.mainFrame },
      {},
    );

    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});
