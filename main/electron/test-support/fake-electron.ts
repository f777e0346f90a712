/**
 * A small hand-written stand-in for the parts of Electron the shell touches. It records what the
 * shell asked for and lets tests fire the events Electron would. Not a general mock.
 */
import type {
  App,
  BrowserWindow,
  CustomScheme,
  IpcMainInvokeEvent,
  Session,
  WebContents,
} from 'electron';

import type { ShellElectron } from '../app';

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }

  once(name: string, listener: Listener): this {
    const wrapper = (...args: never[]) => {
      this.removeListener(name, wrapper);
      return listener(...args);
    };
    return this.on(name, wrapper);
  }

  removeListener(name: string, listener: Listener): this {
    this.listeners.set(
      name,
      (this.listeners.get(name) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  listenerCount(name: string): number {
    return this.listeners.get(name)?.length ?? 0;
  }

  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? [])
      (listener as (...a: unknown[]) => void)(...args);
  }
}

/** An Electron-style event: `preventDefault()` flips `defaultPrevented`. */
export function fakeEvent<T extends object>(fields: T = {} as T) {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends FakeEmitter {
  destroyed = false;
  session: FakeSession;
  mainFrame = new FakeWebFrame('app://parley/index.html');
  sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: WindowOpenHandler | null = null;

  constructor(session?: FakeSession) {
    super();
    this.session = session ?? new FakeSession();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  readonly webContents: FakeWebContents;
  loadedUrl: string | null = null;
  destroyed = false;
  visible = false;
  focused = false;
  minimized = false;

  constructor(
    readonly options: Record<string, unknown>,
    session?: FakeSession,
  ) {
    super();
    this.webContents = new FakeWebContents(session);
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }

  show(): void {
    this.visible = true;
  }

  focus(): void {
    this.focused = true;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** What closing the window does: contents and window die, then 'closed' fires. */
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string },
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string) => boolean;

export class FakeSession extends FakeEmitter {
  requestHandler: PermissionRequestHandler | null = null;
  checkHandler: PermissionCheckHandler | null = null;
  deviceHandler: ((details: unknown) => boolean) | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.checkHandler = handler;
  }

  setDevicePermissionHandler(handler: (details: unknown) => boolean): void {
    this.deviceHandler = handler;
  }

  /** Asks the request handler the way Chromium would and returns its answer. */
  request(permission: string, requestingUrl: string): boolean {
    let granted: boolean | null = null;
    this.requestHandler?.(null, permission, (answer) => (granted = answer), { requestingUrl });
    if (granted === null) throw new Error('the permission handler never answered');
    return granted;
  }
}

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  /** Channels registered with on/once/handleOnce: the shell must never use them. */
  readonly otherRegistrations: Array<{ method: string; channel: string }> = [];

  on(channel: string): this {
    this.otherRegistrations.push({ method: 'on', channel });
    return this;
  }

  once(channel: string): this {
    this.otherRegistrations.push({ method: 'once', channel });
    return this;
  }

  handleOnce(channel: string): void {
    this.otherRegistrations.push({ method: 'handleOnce', channel });
  }

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Calls the channel's handler as `ipcRenderer.invoke` from `frame` inside `sender` would. */
  async invoke(
    channel: string,
    from: { sender: FakeWebContents; frame: FakeWebFrame | null },
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(asIpcEvent(from.sender, from.frame), ...args);
  }
}

export class FakeProtocol {
  readonly privileged: CustomScheme[][] = [];
  readonly handlers = new Map<string, (request: Request) => Promise<Response> | Response>();

  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    this.privileged.push(schemes);
  }

  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    this.handlers.set(scheme, handler);
  }
}

export class FakeShell {
  readonly opened: string[] = [];

  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}

export class FakeApp extends FakeEmitter {
  isPackaged = false;
  lockGranted = true;
  sandboxEnabled = false;
  quitCount = 0;
  badgeCount: number | null = null;
  badgeSupported = true;
  protocolClients: string[] = [];
  exitCode: number | null = null;
  /** What `getPath(name)` answers; tests may change it. */
  paths: Record<string, string> = { userData: '/home/test/.config/Parley' };
  /** Whether the app finished quitting (no listener held it). */
  quitted = false;
  private markReady!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  enableSandbox(): void {
    this.sandboxEnabled = true;
  }

  getPath(name: string): string {
    const found = this.paths[name];
    if (found === undefined) throw new Error(`Failed to get '${name}' path`);
    return found;
  }

  setBadgeCount(count: number): boolean {
    if (this.badgeSupported) this.badgeCount = count;
    return this.badgeSupported;
  }

  setAsDefaultProtocolClient(scheme: string): boolean {
    this.protocolClients.push(scheme);
    return true;
  }

  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  becomeReady(): void {
    this.markReady();
  }

  quit(): void {
    this.quitCount += 1;
    const event = fakeEvent();
    this.emit('will-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  }

  exit(code: number): void {
    this.exitCode = code;
  }
}

export class FakeNativeImage {
  template = false;

  constructor(
    readonly buffer: Buffer,
    readonly scaleFactor: number,
  ) {}

  setTemplateImage(template: boolean): void {
    this.template = template;
  }
}

export const fakeNativeImage = {
  createFromBuffer: (buffer: Buffer, options: { scaleFactor?: number } = {}) =>
    new FakeNativeImage(buffer, options.scaleFactor ?? 1),
};

export interface FakeMenuItem {
  label?: string;
  type?: string;
  click?: () => void;
}

export class FakeMenu {
  constructor(readonly items: FakeMenuItem[]) {}

  static buildFromTemplate(items: FakeMenuItem[]): FakeMenu {
    return new FakeMenu(items);
  }
}

export class FakeTray extends FakeEmitter {
  tooltip: string | null = null;
  menu: FakeMenu | null = null;
  destroyed = false;

  constructor(readonly image: FakeNativeImage) {
    super();
  }

  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }

  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** Clicks the context-menu item with this label. */
  choose(label: string): void {
    const item = this.menu?.items.find((candidate) => candidate.label === label);
    if (!item?.click) throw new Error(`no menu item '${label}'`);
    item.click();
  }
}

export class FakeNotification extends FakeEmitter {
  shown = false;

  constructor(readonly options: { title: string; body: string; silent: boolean }) {
    super();
  }

  /** Tests that need an unsupported platform override this on a subclass. */
  static isSupported(): boolean {
    return true;
  }

  show(): void {
    this.shown = true;
  }
}

/** A fresh fake per test: the fakes to inspect, and the same objects typed as the shell sees them. */
export function createFakeElectron() {
  const windows: FakeBrowserWindow[] = [];
  const trays: FakeTray[] = [];
  const notifications: FakeNotification[] = [];
  const app = new FakeApp();
  const defaultSession = new FakeSession();
  const fakes = {
    app,
    ipcMain: new FakeIpcMain(),
    protocol: new FakeProtocol(),
    session: { defaultSession },
    shell: new FakeShell(),
    windows,
    trays,
    notifications,
    /** Like Electron: every new window's contents is announced with 'web-contents-created'. */
    BrowserWindow: class extends FakeBrowserWindow {
      constructor(options: Record<string, unknown>) {
        super(options, defaultSession);
        windows.push(this);
        app.emit('web-contents-created', fakeEvent(), this.webContents);
      }
    },
    Tray: class extends FakeTray {
      constructor(image: FakeNativeImage) {
        super(image);
        trays.push(this);
      }
    },
    Notification: class extends FakeNotification {
      constructor(options: { title: string; body: string; silent: boolean }) {
        super(options);
        notifications.push(this);
      }
    },
    Menu: FakeMenu,
    nativeImage: fakeNativeImage,
  };

  return { fakes, electron: fakes as unknown as ShellElectron };
}

/** The one place a fake is viewed through Electron's own types. */
export const asBrowserWindow = (fake: FakeBrowserWindow) => fake as unknown as BrowserWindow;
export const asWebContents = (fake: FakeWebContents) => fake as unknown as WebContents;
export const asSession = (fake: FakeSession) => fake as unknown as Session;
export const asApp = (fake: FakeApp) => fake as unknown as App;
export function asIpcEvent(sender: FakeWebContents, frame: FakeWebFrame | null) {
  return { sender, senderFrame: frame, frameId: 1, processId: 1 } as unknown as IpcMainInvokeEvent;
}
