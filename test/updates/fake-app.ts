import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { AppImageUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';

import { signManifest } from '../../main/core/updates/manifest-signature';

/** electron-updater's view of the app, backed by a temp folder; records quits. */
export interface FakeApp extends AppAdapter {
  dir: string;
  quits: number;
  cleanup(): Promise<void>;
}

export async function createFakeApp(version: string, feedUrl: string): Promise<FakeApp> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-update-'));
  const appUpdateConfigPath = path.join(dir, 'resources', 'app-update.yml');
  await mkdir(path.dirname(appUpdateConfigPath), { recursive: true });
  await writeFile(
    appUpdateConfigPath,
    `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: parley-updater\n`,
  );
  // AppImageUpdater needs the running AppImage's path; this one is never executed.
  const appImage = path.join(dir, `Parley-${version}.AppImage`);
  await writeFile(appImage, 'old build');

  const app: FakeApp = {
    dir,
    quits: 0,
    version,
    name: 'Parley',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: path.join(dir, 'userData'),
    baseCachePath: path.join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => {
      app.quits += 1;
    },
    onQuit: () => undefined,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };

  return app;
}

/**
 * electron-updater's real AppImage updater, except the last OS step: installing records the
 * file it would have swapped in, and quitting goes to the fake app instead of Electron.
 */
export class RecordingAppImageUpdater extends AppImageUpdater {
  readonly installed: string[] = [];

  protected override doInstall(): boolean {
    this.installed.push(this.installerPath ?? 'none');

    return true;
  }

  override quitAndInstall(): void {
    if (this.install(false, true)) this.app.quit();
  }
}

export function releaseKeys(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export const sha512 = (data: Buffer): string => createHash('sha512').update(data).digest('base64');

/** The manifest electron-builder would publish for one AppImage. */
export function manifestFor(
  version: string,
  artifact: { name: string; bytes: Buffer; sha512?: string },
  extra = '',
): string {
  const hash = artifact.sha512 ?? sha512(artifact.bytes);

  return [
    `version: ${version}`,
    'files:',
    `  - url: ${artifact.name}`,
    `    sha512: ${hash}`,
    `    size: ${artifact.bytes.length}`,
    `path: ${artifact.name}`,
    `sha512: ${hash}`,
    "releaseDate: '2026-12-01T00:00:00.000Z'",
    extra,
  ].join('\n');
}

export { signManifest };

/** The Linux channel file electron-updater asks for on this machine. */
export function linuxChannelFile(channel: 'latest' | 'beta'): string {
  return `${channel}-linux${process.arch === 'x64' ? '' : `-${process.arch}`}.yml`;
}
