import type { App, Menu, NativeImage, Tray } from 'electron';

import { drawTrayIconPng } from './tray-icon';

export interface UnreadTrayDeps {
  Tray: new (image: NativeImage) => Tray;
  Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  nativeImage: {
    createFromBuffer(buffer: Buffer, options?: { scaleFactor?: number }): NativeImage;
  };
  app: Pick<App, 'setBadgeCount'>;
  platform: NodeJS.Platform;
  onShow: () => void;
  onQuit: () => void;
}

export const trayTooltip = (unread: number) => `Parley — ${unread} unread`;

/**
 * The tray icon with a Show/Quit menu, and the unread count on its tooltip and on the
 * dock/launcher badge where the OS has one (`setBadgeCount` returns false elsewhere).
 */
export function createUnreadTray(deps: UnreadTrayDeps) {
  const image = deps.nativeImage.createFromBuffer(drawTrayIconPng(32), { scaleFactor: 2 });
  if (deps.platform === 'darwin') image.setTemplateImage(true);

  const tray = new deps.Tray(image);
  tray.setToolTip(trayTooltip(0));
  tray.setContextMenu(
    deps.Menu.buildFromTemplate([
      { label: 'Show Parley', click: () => deps.onShow() },
      { type: 'separator' },
      { label: 'Quit Parley', click: () => deps.onQuit() },
    ]),
  );
  tray.on('click', () => deps.onShow());

  return {
    setUnread(count: number): void {
      const unread = Math.max(0, Math.floor(count));
      tray.setToolTip(trayTooltip(unread));
      deps.app.setBadgeCount(unread);
    },

    destroy(): void {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}

export type UnreadTray = ReturnType<typeof createUnreadTray>;
