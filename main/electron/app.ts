import type {
  App,
  BrowserWindow,
  IpcMain,
  Menu,
  nativeImage,
  Notification,
  Protocol,
  Session,
  Shell,
  Tray,
} from 'electron';

import type { BridgeEvent, UpdateStatus } from '../../common/bridge';
import type { AuditLog } from '../core/audit/audit-log';
import { createDeepLinkRouter } from '../core/deep-link/route';
import { createNotificationCenter } from '../core/notifications/center';
import type { PolicyResult } from '../core/policy/load';
import { createPolicyState, type PolicyState } from '../core/policy/state';
import type { UpdateService } from '../core/updates/update-service';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import type { CreateShellCore, ShellCore } from './core-port';
import { listenForDeepLinks } from './deep-links';
import { createExternalOpener } from './external-links';
import { createEventForwarder, registerBridgeIpc } from './ipc';
import type { ShellLogger } from './log';
import { createElectronNotifier } from './notifier';
import { applySessionPolicy } from './session-security';
import { readShellConfig } from './shell-config';
import { createUnreadTray, type UnreadTray } from './tray';
import { createMainWindow } from './window';
import { installWebContentsGuard } from './window-security';

/** The Electron modules the shell uses, passed in so tests can hand it a fake. */
export interface ShellElectron {
  app: App;
  BrowserWindow: typeof BrowserWindow;
  ipcMain: IpcMain;
  protocol: Protocol;
  session: { defaultSession: Session };
  shell: Shell;
  Tray: typeof Tray;
  Menu: typeof Menu;
  Notification: typeof Notification;
  nativeImage: typeof nativeImage;
}

/** Start-up pieces that read the disk or build electron-updater; tests pass fakes. */
export interface ShellServices {
  /** Machine and user policy (main/core/policy `loadMachinePolicy`); problems lock, never throw. */
  loadPolicy(options: { userDataPath: string; audit: AuditLog }): Promise<PolicyResult>;
  /** The update service of a packaged build (main/core/updates `createUpdateService`). */
  createUpdates(options: {
    policy: PolicyState;
    audit: AuditLog;
    onStatus(status: UpdateStatus): void;
  }): UpdateService;
  /** Writes buffered log lines out; called last on quit. */
  flushLogs?(): void;
}

export interface ShellOptions {
  electron: ShellElectron;
  createCore: CreateShellCore;
  services: ShellServices;
  /** <userData>/logs/audit.log */
  audit: AuditLog;
  paths: { preload: string; renderer: string };
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** process.argv: a first start by a `parley://` link carries the link here. */
  argv: readonly string[];
  log: ShellLogger;
}

function focus(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

/** Starts the shell: everything registered here, nothing at import time. */
export async function initializeApp(options: ShellOptions): Promise<void> {
  const { app, protocol, ipcMain, shell } = options.electron;
  const { log } = options;
  const openExternal = createExternalOpener(shell, log);

  app.enableSandbox();
  registerAppScheme(protocol);
  installWebContentsGuard(app, { openExternal });

  if (!app.requestSingleInstanceLock()) {
    log.info({}, 'app.second_instance_exit');
    app.quit();
    return;
  }

  let window: BrowserWindow | null = null;
  const liveWindow = () => (window && !window.isDestroyed() ? window : null);
  const deepLinks = listenForDeepLinks({
    app,
    argv: options.argv,
    onSecondInstance: () => focus(liveWindow()),
    log,
  });

  const config = await readShellConfig(options.env, app.isPackaged).catch((error: Error) => {
    log.error({ errorName: error.name, reason: error.message }, 'app.config_invalid');
    return null;
  });
  if (!config) {
    app.exit(1);
    return;
  }

  // Policy before anything else: it decides which servers, CAs and pins the core may use.
  const { audit, services } = options;
  const userDataPath = app.getPath('userData');
  const loaded = await services.loadPolicy({ userDataPath, audit }).catch((error: Error) => {
    log.error({ errorName: error.name }, 'app.policy_failed');
    return null;
  });
  if (!loaded) {
    app.exit(1);
    return;
  }

  await app.whenReady();
  serveAppScheme(protocol, options.paths.renderer);
  applySessionPolicy(options.electron.session.defaultSession);

  const forward = createEventForwarder(liveWindow);

  // Events for a window that is still loading wait for 'ready-to-show', then go out in order.
  // GAP(show-window-events): if the renderer subscribes to events only after first paint, a
  // reopened window can still miss a focusMessage (the window itself does open).
  let windowReady = false;
  let pending: BridgeEvent[] = [];
  const openWindow = () => {
    const created = createMainWindow({
      BrowserWindow: options.electron.BrowserWindow,
      preloadPath: options.paths.preload,
      openExternal,
      log,
    });
    windowReady = false;
    created.once('ready-to-show', () => {
      if (window !== created) return;
      windowReady = true;
      const events = pending;
      pending = [];
      if (events.length > 0) forward(events);
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    window = created;
  };

  /** Brings the window forward (reopening it on macOS) and hands it the events. */
  const showWindow = (events: BridgeEvent[] = []) => {
    if (liveWindow()) focus(liveWindow());
    else openWindow();

    if (events.length === 0) return;
    if (windowReady) forward(events);
    else pending = [...pending, ...events].slice(-10);
  };

  let tray: UnreadTray | null = null;
  let core: ShellCore | null = null;
  const state = () => core?.snapshot() ?? null;

  // Every change (the server's policy after sign-in, cleared after sign-out) reaches the
  // renderer; the core drops a repeat of the policy it already sent.
  const policy = createPolicyState(loaded, {
    audit,
    onChange: (next) => core?.publish({ type: 'policy', policy: next }),
  });

  const notifications = createNotificationCenter({
    notifier: createElectronNotifier(options.electron.Notification, log),
    policy: () => policy.current(),
    currentUser: () => state()?.session?.user ?? null,
    lookup: {
      channel: (id) => state()?.channels.find((channel) => channel.id === id),
      user: (id) => state()?.users.find((user) => user.id === id),
    },
    onClick: (target) => showWindow([{ type: 'focusMessage', ...target }]),
    onUnreadChange: (total) => tray?.setUnread(total),
  });

  // Signed out (asked for or revoked): nothing stays unread, nothing is remembered.
  const onEvents = (batch: BridgeEvent[]) => {
    if (batch.some((event) => event.type === 'session' && event.session === null)) {
      notifications.reset();
    }
    forward(batch);
  };
  const updates = app.isPackaged ? startUpdates(options, policy, (status) => core?.publish({ type: 'update', update: status })) : null; // prettier-ignore
  const startedCore = options.createCore({
    onEvents,
    dataDir: userDataPath,
    proxyEnv: options.env,
    extraCaPem: config.extraCaPem,
    defaultServerUrl: policy.current().defaultServer ?? config.defaultServerUrl,
    audit,
    policy,
    ...(updates ? { updates } : {}),
    notifications,
  });
  core = startedCore;
  const unregisterIpc = registerBridgeIpc({
    ipcMain,
    dispatch: startedCore.dispatch,
    getContents: () => liveWindow()?.webContents ?? null,
    log,
  });

  openWindow();
  tray = createUnreadTray({
    ...options.electron,
    app,
    platform: options.platform,
    onShow: () => showWindow(),
    onQuit: () => app.quit(),
  });

  deepLinks.attach(
    createDeepLinkRouter({
      currentServer: () => state()?.session?.serverUrl ?? null,
      emit: (events) => showWindow(events),
      showWindow: () => showWindow(),
      log,
    }),
  );

  updates?.start();

  app.on('activate', () => {
    if (!liveWindow()) openWindow();
  });
  app.on('window-all-closed', () => {
    if (options.platform !== 'darwin') app.quit();
  });

  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;

    // Hold the quit until the core has closed its database and sockets.
    event.preventDefault();
    disposed = true;
    unregisterIpc();
    tray?.destroy();
    updates?.dispose();
    Promise.resolve()
      .then(() => startedCore.dispose())
      .catch((error: unknown) =>
        log.error({ errorName: (error as Error)?.name }, 'app.dispose_failed'),
      )
      .finally(() => {
        // A timed-out keytar call still blocks a worker thread, and a normal quit would wait
        // for it forever: everything is closed by now, so end the process outright.
        const stuck = startedCore.keychainStuck();
        if (stuck) log.warn({}, 'app.keychain_stuck_exit');
        options.services.flushLogs?.();
        if (stuck) app.exit(0);
        else app.quit();
      });
  });
}

/** The update service, or none when it cannot be built (the app still runs, updates off). */
function startUpdates(
  options: ShellOptions,
  policy: PolicyState,
  onStatus: (status: UpdateStatus) => void,
): UpdateService | null {
  try {
    return options.services.createUpdates({ policy, audit: options.audit, onStatus });
  } catch (error) {
    options.log.error({ errorName: (error as Error)?.name }, 'app.updates_unavailable');
    return null;
  }
}
