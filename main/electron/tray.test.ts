import { inflateSync } from 'node:zlib';

import type { App, Menu, NativeImage, Tray } from 'electron';
import { describe, expect, it, vi } from 'vitest';

import { createUnreadTray } from './tray';
import { drawTrayIconPng, PNG_SIGNATURE } from './tray-icon';
import { FakeApp, FakeMenu, FakeTray, fakeNativeImage } from './test-support/fake-electron';

function trayOn(platform: NodeJS.Platform) {
  const trays: FakeTray[] = [];
  const app = new FakeApp();
  const onShow = vi.fn();
  const onQuit = vi.fn();
  const unread = createUnreadTray({
    Tray: class extends FakeTray {
      constructor(image: never) {
        super(image);
        trays.push(this);
      }
    } as unknown as new (image: NativeImage) => Tray,
    Menu: FakeMenu as unknown as typeof Menu,
    nativeImage: fakeNativeImage as unknown as {
      createFromBuffer(buffer: Buffer): NativeImage;
    },
    app: app as unknown as App,
    platform,
    onShow,
    onQuit,
  });
  const tray = trays[0];
  if (!tray) throw new Error('no tray');
  return { unread, tray, app, onShow, onQuit };
}

describe('unread tray', () => {
  it('starts at zero unread with Show and Quit in its menu', () => {
    const { tray } = trayOn('linux');

    expect(tray.tooltip).toBe('Parley — 0 unread');
    expect(tray.menu?.items.map((item) => item.label ?? item.type)).toEqual([
      'Show Parley',
      'separator',
      'Quit Parley',
    ]);
  });

  it('puts the count on the tooltip and the badge', () => {
    const { unread, tray, app } = trayOn('darwin');

    unread.setUnread(3);

    expect(tray.tooltip).toBe('Parley — 3 unread');
    expect(app.badgeCount).toBe(3);
  });

  it('carries on where the OS has no badge (setBadgeCount returns false)', () => {
    const { unread, tray, app } = trayOn('win32');
    app.badgeSupported = false;

    expect(() => unread.setUnread(5)).not.toThrow();
    expect(tray.tooltip).toBe('Parley — 5 unread');
  });

  it('menu items and a click on the icon call Show and Quit', () => {
    const { tray, onShow, onQuit } = trayOn('linux');

    tray.choose('Show Parley');
    tray.emit('click');
    tray.choose('Quit Parley');

    expect(onShow).toHaveBeenCalledTimes(2);
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it('uses a template image on macOS only, at scale factor 2', () => {
    expect(trayOn('darwin').tray.image).toMatchObject({ template: true, scaleFactor: 2 });
    expect(trayOn('linux').tray.image).toMatchObject({ template: false });
  });
});

describe('tray icon drawing', () => {
  it('is a valid RGBA PNG of the asked size with opaque and transparent pixels', () => {
    const png = drawTrayIconPng(16);

    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([16, 16, 8, 6]);

    const idatLength = png.readUInt32BE(33);
    const pixels = inflateSync(png.subarray(41, 41 + idatLength));
    expect(pixels.length).toBe(16 * (1 + 16 * 4));
    const alpha = (x: number, y: number) => pixels[y * (1 + 16 * 4) + 1 + x * 4 + 3];
    expect([alpha(8, 8), alpha(0, 0)]).toEqual([0xff, 0x00]);
  });
});
