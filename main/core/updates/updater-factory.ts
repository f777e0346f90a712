import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  AppImageUpdater,
  DebUpdater,
  MacUpdater,
  NsisUpdater,
  type AppUpdater,
} from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';

/** electron-updater's updater for this OS and package type (NSIS, Squirrel.Mac, AppImage, deb). */
export function createPlatformUpdater(app: AppAdapter): AppUpdater {
  if (process.platform === 'win32') return new NsisUpdater(undefined, app);
  if (process.platform === 'darwin') return new MacUpdater(undefined, app);

  return linuxPackageType() === 'deb'
    ? new DebUpdater(undefined, app)
    : new AppImageUpdater(undefined, app);
}

/** electron-builder writes `package-type` into resources for deb/rpm/pacman builds. */
function linuxPackageType(): string | null {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (!resources) return null;

  try {
    return readFileSync(path.join(resources, 'package-type'), 'utf8').trim();
  } catch {
    return null;
  }
}
