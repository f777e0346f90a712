import { describe, expect, it, vi } from 'vitest';

import { existsSync, readFileSync } from 'node:fs';

import { BRIDGE_EVENT_CHANNEL, type Snapshot, type UpdateStatus } from '../../common/bridge';
import type { PolicySource } from '../../common/policy';
import type { Message } from '../../common/protocol';
import { ok } from '../../common/result';
import type { AuditEventName } from '../core/audit/audit-log';
import { mergeLocal } from '../core/policy/load';
import { checkSource } from '../core/policy/source-check';
import type { UpdateService } from '../core/updates/update-service';
import { initializeApp, type ShellServices } from './app';
import type { ShellCoreOptions } from './core-port';
import { createFakeElectron, FakeWebContents, fakeEvent } from './test-support/fake-electron';
import { testSnapshot } from './test-support/snapshot';

const silent = { info() {}, warn() {}, error() {} };
const link = 'parley://open?server=https://chat.example.com&channel=c-general&message=m1';

interface StartOptions {
  lockGranted?: boolean;
  env?: NodeJS.ProcessEnv;
  argv?: string[];
  isPackaged?: boolean;
  /** The machine policy file's content. */
  machinePolicy?: PolicySource;
}

function fakeUpdates() {
  let onStatus: ((status: UpdateStatus) => void) | null = null;
  const service = {
    start: vi.fn(),
    checkNow: vi.fn(),
    status: () => ({ state: 'idle', version: null, message: null }) as UpdateStatus,
    install: vi.fn(async () => ok(null)),
    dispose: vi.fn(),
  } satisfies UpdateService;
  const create = vi.fn<ShellServices['createUpdates']>((options) => {
    onStatus = options.onStatus;
    return service;
  });
  return { service, create, report: (status: UpdateStatus) => onStatus?.(status) };
}

function start(overrides: StartOptions = {}) {
  const { fakes, electron } = createFakeElectron();
  fakes.app.lockGranted = overrides.lockGranted ?? true;
  fakes.app.isPackaged = overrides.isPackaged ?? false;
  let snapshot: Snapshot = testSnapshot();
  /** What happened, in order, across the fakes. */
  const order: string[] = [];
  const coreOptions: ShellCoreOptions[] = [];
  const core = {
    dispatch: vi.fn(async () => ok(null)),
    dispose: vi.fn(async () => void order.push('core.dispose')),
    snapshot: () => snapshot,
    // Like the real core: a published event goes out with the core's own events.
    publish: vi.fn((event: Parameters<ShellCoreOptions['onEvents']>[0][number]) =>
      coreOptions[0]?.onEvents([event]),
    ),
    keychainStuck: vi.fn(() => false),
  };
  const createCore = vi.fn((options: ShellCoreOptions) => {
    coreOptions.push(options);
    return core;
  });
  const audited: AuditEventName[] = [];
  const updates = fakeUpdates();
  const services: ShellServices = {
    loadPolicy: vi.fn(async (options: { userDataPath: string }) => {
      order.push(`policy:${options.userDataPath} windows=${fakes.windows.length}`);
      const machine = overrides.machinePolicy ?? {};
      return mergeLocal([checkSource('/etc/parley/policy.json', machine)], null);
    }),
    createUpdates: updates.create,
    flushLogs: vi.fn(() => void order.push('flushLogs')),
  };
  const realExit = fakes.app.exit.bind(fakes.app);
  fakes.app.exit = (code: number) => {
    order.push(`exit:${code}`);
    realExit(code);
  };

  const started = initializeApp({
    electron,
    createCore,
    services,
    audit: { record: (event) => void audited.push(event) },
    paths: { preload: '/app/dist/main/preload.cjs', renderer: '/app/dist/renderer' },
    env: overrides.env ?? (overrides.isPackaged ? {} : { PARLEY_DEFAULT_SERVER: 'https://127.0.0.1:7443' }), // prettier-ignore
    platform: 'linux',
    argv: overrides.argv ?? ['/opt/Parley/parley'],
    log: silent,
  });
  const setSnapshot = (next: Snapshot) => (snapshot = next);
  return { fakes, core, createCore, coreOptions, started, setSnapshot, services, updates, order };
}

async function startReady(overrides: StartOptions = {}) {
  const run = start(overrides);
  await Promise.resolve();
  run.fakes.app.becomeReady();
  await run.started;
  const window = run.fakes.windows[0];
  const options = run.coreOptions[0];
  if (!window || !options) throw new Error('the shell did not start');
  return { ...run, window, options };
}

function newMessage(fields: Partial<Message> = {}): Message {
  return {
    id: 'm1',
    channelId: 'c-general',
    seq: 1,
    rev: 1,
    authorId: 'u-alice',
    clientId: '00000000-0000-4000-8000-000000000000',
    body: 'hello **there**',
    createdAt: 1,
    editedAt: null,
    deleted: false,
    ...fields,
  };
}

const eventsSentTo = (contents: FakeWebContents) =>
  contents.sent.filter((sent) => sent.channel === BRIDGE_EVENT_CHANNEL).map((sent) => sent.args[0]);

describe('app lifecycle', () => {
  it('enables the sandbox, registers app:// and the webContents guard before the app is ready', async () => {
    const { fakes, createCore } = start();
    await Promise.resolve();

    expect(fakes.app.sandboxEnabled).toBe(true);
    expect(fakes.protocol.privileged).toHaveLength(1);
    expect(fakes.app.listenerCount('web-contents-created')).toBe(1);
    expect(fakes.windows).toHaveLength(0);
    expect(createCore).not.toHaveBeenCalled();
  });

  it('quits at once when another instance holds the lock, creating nothing', async () => {
    const { fakes, started, createCore } = start({ lockGranted: false });
    await started;

    expect(fakes.app.quitCount).toBe(1);
    expect(fakes.windows).toHaveLength(0);
    expect(fakes.ipcMain.handlers.size).toBe(0);
    expect(createCore).not.toHaveBeenCalled();
  });

  it('exits with an error on an invalid environment, before creating anything', async () => {
    const { fakes, started, createCore } = start({ env: { PARLEY_DEFAULT_SERVER: 'http://x' } });
    await started;

    expect(fakes.app.exitCode).toBe(1);
    expect(fakes.windows).toHaveLength(0);
    expect(createCore).not.toHaveBeenCalled();
  });

  it('once ready: serves app://, polices the session, starts the core, registers IPC, opens the window', async () => {
    const { fakes, window, options } = await startReady();

    expect(fakes.protocol.handlers.has('app')).toBe(true);
    expect(fakes.session.defaultSession.requestHandler).not.toBeNull();
    expect(options).toMatchObject({ defaultServerUrl: 'https://127.0.0.1:7443', extraCaPem: [] });
    expect(fakes.ipcMain.handlers.size).toBeGreaterThan(0);
    expect(fakes.ipcMain.otherRegistrations).toEqual([]);
    expect(window.loadedUrl).toBe('app://parley/index.html');
  });

  it('forwards core events to the window, and drops them after it closed', async () => {
    const { window, options } = await startReady();

    options.onEvents([{ type: 'connection', state: 'online' }]);
    window.close();
    options.onEvents([{ type: 'connection', state: 'offline' }]);

    expect(eventsSentTo(window.webContents)).toEqual([[{ type: 'connection', state: 'online' }]]);
  });

  it('brings the window back when a second instance starts', async () => {
    const { fakes, window } = await startReady();
    window.minimized = true;

    fakes.app.emit('second-instance', fakeEvent(), ['/opt/Parley/parley'], '/');

    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('quits when the last window closes (not on macOS), disposing the core once first', async () => {
    const { fakes, window, core } = await startReady();

    window.close();
    fakes.app.emit('window-all-closed');
    await vi.waitFor(() => expect(fakes.app.quitted).toBe(true));

    expect(core.dispose).toHaveBeenCalledOnce();
    expect(fakes.app.quitCount).toBe(2);
    expect(fakes.ipcMain.handlers.size).toBe(0);
    expect(fakes.trays[0]?.destroyed).toBe(true);
  });
});

describe('app-wide webContents guard', () => {
  it('hardens contents the shell did not create itself, and polices their session', async () => {
    const { fakes } = await startReady();
    const stray = new FakeWebContents();

    fakes.app.emit('web-contents-created', fakeEvent(), stray);
    const navigate = fakeEvent({ url: 'https://evil.example/' });
    const frame = fakeEvent({ url: 'https://evil.example/', isMainFrame: false });
    stray.emit('will-navigate', navigate);
    stray.emit('will-frame-navigate', frame);

    expect(navigate.defaultPrevented).toBe(true);
    expect(frame.defaultPrevented).toBe(true);
    expect(stray.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(stray.session.request('media', 'app://parley/index.html')).toBe(false);
  });

  it('hardens our window once, with one listener per event despite two hardening calls', async () => {
    const { window } = await startReady();

    expect(window.webContents.listenerCount('will-navigate')).toBe(1);
    expect(window.webContents.listenerCount('will-frame-navigate')).toBe(1);
  });
});

describe('notifications, tray and badge', () => {
  it('hands the core the notification center, which notifies through Electron', async () => {
    const { fakes, options } = await startReady({ machinePolicy: { notificationContent: 'full' } });

    options.notifications?.onMessage(newMessage());

    expect(fakes.notifications.map((n) => ({ ...n.options, shown: n.shown }))).toEqual([
      { title: 'Alice Archer in #general', body: 'hello there', silent: false, shown: true },
    ]);
  });

  it('uses the policy of the moment: sender_only shows no message text', async () => {
    const { fakes, options } = await startReady({ machinePolicy: { notificationContent: 'full' } });
    options.policy.applyServerPolicy({ notificationContent: 'sender_only' });

    options.notifications?.onMessage(newMessage({ body: 'secret plans' }));

    expect(fakes.notifications[0]?.options).toEqual({
      title: 'Parley',
      body: 'New message from Alice Archer',
      silent: false,
    });
  });

  it('a click focuses the window and sends it focusMessage for that message', async () => {
    const { fakes, window, options } = await startReady();
    window.emit('ready-to-show');
    window.minimized = true;

    options.notifications?.onMessage(newMessage({ id: 'm-7' }));
    fakes.notifications[0]?.emit('click');

    expect(window.focused).toBe(true);
    expect(window.minimized).toBe(false);
    expect(eventsSentTo(window.webContents)).toEqual([
      [{ type: 'focusMessage', channelId: 'c-general', messageId: 'm-7' }],
    ]);
  });

  it('shows the unread count on the tray tooltip and the badge', async () => {
    const { fakes, options } = await startReady();
    const tray = fakes.trays[0];

    expect(tray?.tooltip).toBe('Parley — 0 unread');
    options.notifications?.onMessage(newMessage({ id: 'm-a' }));
    options.notifications?.onMessage(newMessage({ id: 'm-b' }));

    expect(tray?.tooltip).toBe('Parley — 2 unread');
    expect(fakes.app.badgeCount).toBe(2);

    options.notifications?.setActiveChannel({ channelId: 'c-general', windowFocused: true });
    expect(tray?.tooltip).toBe('Parley — 0 unread');
    expect(fakes.app.badgeCount).toBe(0);
  });

  it('tray menu: Show brings the window back, Quit quits', async () => {
    const { fakes, window } = await startReady();
    const tray = fakes.trays[0];
    window.minimized = true;

    tray?.choose('Show Parley');
    expect(window.minimized).toBe(false);
    tray?.choose('Quit Parley');
    await vi.waitFor(() => expect(fakes.app.quitted).toBe(true));
  });
});

describe('parley:// deep links', () => {
  it('registers the scheme only when packaged', async () => {
    const dev = await startReady();
    const packaged = await startReady({ isPackaged: true });

    expect(dev.fakes.app.protocolClients).toEqual([]);
    expect(packaged.fakes.app.protocolClients).toEqual(['parley']);
  });

  it('macOS open-url: prevents the default and focuses the linked message', async () => {
    const { fakes, window } = await startReady();
    window.emit('ready-to-show');
    const event = fakeEvent();

    fakes.app.emit('open-url', event, link);

    expect(event.defaultPrevented).toBe(true);
    expect(eventsSentTo(window.webContents)).toEqual([
      [{ type: 'focusMessage', channelId: 'c-general', messageId: 'm1' }],
    ]);
  });

  it('open-url before the app is ready is held, then delivered once the window is ready', async () => {
    const run = start();
    await Promise.resolve();
    run.fakes.app.emit('open-url', fakeEvent(), link);
    run.fakes.app.becomeReady();
    await run.started;
    const window = run.fakes.windows[0];

    expect(eventsSentTo(window!.webContents)).toEqual([]);
    window?.emit('ready-to-show');
    expect(eventsSentTo(window!.webContents)).toEqual([
      [{ type: 'focusMessage', channelId: 'c-general', messageId: 'm1' }],
    ]);
  });

  it('Windows/Linux: a second instance’s argv link is routed; a first start’s argv too', async () => {
    const first = await startReady({ argv: ['/opt/Parley/parley', link] });
    first.window.emit('ready-to-show');
    expect(eventsSentTo(first.window.webContents)).toHaveLength(1);

    first.fakes.app.emit('second-instance', fakeEvent(), ['/opt/Parley/parley', link], '/');
    expect(eventsSentTo(first.window.webContents)).toHaveLength(2);
  });

  it('a refused link sends nothing to the window', async () => {
    const { fakes, window } = await startReady();
    window.emit('ready-to-show');

    fakes.app.emit('open-url', fakeEvent(), 'parley://open?server=javascript:alert(1)');
    fakes.app.emit('second-instance', fakeEvent(), ['/x', 'parley://evil.example/open'], '/');

    expect(eventsSentTo(window.webContents)).toEqual([]);
  });
});

describe('sign-out', () => {
  it('clears the unread badge when the session ends', async () => {
    const { fakes, options } = await startReady();
    options.notifications?.onMessage(newMessage({ id: 'm-x' }));
    expect(fakes.app.badgeCount).toBe(1);

    options.onEvents([{ type: 'session', session: null, reason: 'Your session was revoked.' }]);

    expect(fakes.app.badgeCount).toBe(0);
    expect(fakes.trays[0]?.tooltip).toBe('Parley — 0 unread');
  });
});

describe('policy, core wiring, updates and quit', () => {
  it('loads the machine policy from the userData folder before any window or core exists', async () => {
    const { order, createCore } = await startReady();

    expect(order[0]).toBe('policy:/home/test/.config/Parley windows=0');
    expect(createCore).toHaveBeenCalledOnce();
  });

  it('hands the core userData as dataDir, the environment for proxies, the policy and the audit log', async () => {
    const env = {
      PARLEY_DEFAULT_SERVER: 'https://127.0.0.1:7443',
      HTTPS_PROXY: 'http://proxy:3128',
    };
    const { options } = await startReady({ env });

    expect(options.dataDir).toBe('/home/test/.config/Parley');
    expect(options.proxyEnv).toBe(env);
    expect(options.policy.current().allowedServers).toBeNull();
    expect(options.audit).toBeDefined();
    expect(options.updates).toBeUndefined();
  });

  it("uses policy's default server over the development one", async () => {
    const { options } = await startReady({
      machinePolicy: { allowedServers: ['https://chat.corp.example'], defaultServer: 'https://chat.corp.example' }, // prettier-ignore
    });

    expect(options.defaultServerUrl).toBe('https://chat.corp.example');
    expect(options.policy.current().allowedServers).toEqual(['https://chat.corp.example']);
  });

  it('notifies with the content the effective policy allows, read at each message', async () => {
    const { fakes, options } = await startReady({ machinePolicy: { notificationContent: 'full' } }); // prettier-ignore

    options.notifications.onMessage(newMessage({ id: 'm-1', body: 'first' }));
    options.policy.applyServerPolicy({ notificationContent: 'sender_only' });
    options.notifications.onMessage(newMessage({ id: 'm-2', body: 'second' }));

    expect(fakes.notifications.map((n) => n.options.body)).toEqual([
      'first',
      'New message from Alice Archer',
    ]);
  });

  it('a policy change reaches the renderer as a policy event', async () => {
    const { window, options } = await startReady();
    window.emit('ready-to-show');

    options.policy.applyServerPolicy({ allowEditDelete: false });

    const sent = eventsSentTo(window.webContents).flat() as Array<{ type: string; policy?: unknown }>; // prettier-ignore
    expect(sent).toMatchObject([{ type: 'policy', policy: { allowEditDelete: false } }]);
  });

  it('in development there is no update service: the core answers `disabled` itself', async () => {
    const { updates, options } = await startReady({ isPackaged: false });

    expect(updates.create).not.toHaveBeenCalled();
    expect(options.updates).toBeUndefined();
  });

  it('packaged: starts the update service, hands it to the core and forwards its status', async () => {
    const { updates, options, window } = await startReady({ isPackaged: true });
    window.emit('ready-to-show');

    updates.report({ state: 'ready', version: '1.2.3', message: null });

    expect(updates.create).toHaveBeenCalledOnce();
    expect(updates.create.mock.calls[0]?.[0].policy).toBe(options.policy);
    expect(options.updates).toBe(updates.service);
    expect(updates.service.start).toHaveBeenCalledOnce();
    expect(eventsSentTo(window.webContents)).toEqual([
      [{ type: 'update', update: { state: 'ready', version: '1.2.3', message: null } }],
    ]);
  });

  it('packaged: an update service that cannot be built leaves the app running without it', async () => {
    const run = start({ isPackaged: true });
    run.updates.create.mockImplementation(() => {
      throw new Error('no public key');
    });
    await Promise.resolve();
    run.fakes.app.becomeReady();
    await run.started;

    expect(run.coreOptions[0]?.updates).toBeUndefined();
    expect(run.fakes.windows).toHaveLength(1);
  });

  it('on quit disposes updates and the core, flushes the logs, then quits normally', async () => {
    const { fakes, updates, order } = await startReady({ isPackaged: true });

    fakes.app.quit();
    await vi.waitFor(() => expect(fakes.app.quitted).toBe(true));

    expect(updates.service.dispose).toHaveBeenCalledOnce();
    expect(order.slice(1)).toEqual(['core.dispose', 'flushLogs']);
    expect(fakes.app.exitCode).toBeNull();
  });

  it('a stuck keychain call: after dispose the process is ended with app.exit(0)', async () => {
    const { fakes, core, order } = await startReady();
    core.keychainStuck.mockReturnValue(true);

    fakes.app.quit();
    await vi.waitFor(() => expect(fakes.app.exitCode).toBe(0));

    expect(order.slice(1)).toEqual(['core.dispose', 'flushLogs', 'exit:0']);
    expect(fakes.app.quitCount).toBe(1);
  });

  it('a policy that cannot be loaded at all stops the start with an error, before any window', async () => {
    const run = start();
    vi.mocked(run.services.loadPolicy).mockRejectedValue(new Error('EACCES'));
    await run.started;

    expect(run.fakes.app.exitCode).toBe(1);
    expect(run.fakes.windows).toHaveLength(0);
    expect(run.createCore).not.toHaveBeenCalled();
  });

  it('the temporary notifications adapter is gone: main.ts hands the center straight to the core', () => {
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');

    expect(existsSync(new URL('./core-notifications-adapter.ts', import.meta.url))).toBe(false);
    expect(main).not.toMatch(/adaptCoreForNotifications|core-notifications-adapter/);
  });
});
