import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}
type Flip = (path: string, config: Record<string | number, unknown>) => Promise<unknown>;
interface FusesHook {
  (context: PackContext): Promise<void>;
  createAfterPack(flip: Flip): (context: PackContext) => Promise<void>;
}

const hook = createRequire(import.meta.url)('./fuses.cjs') as FusesHook;

const ARCH = { x64: 1, arm64: 3 };

async function flipFor(platform: string, arch: number) {
  const calls: Array<{ path: string; config: Record<string | number, unknown> }> = [];
  const afterPack = hook.createAfterPack(async (path, config) => calls.push({ path, config }));
  await afterPack({
    appOutDir: '/out/pack',
    electronPlatformName: platform,
    arch,
    packager: { appInfo: { productFilename: 'Parley' }, executableName: 'parley' },
  });
  return calls;
}

describe('electron fuses at packaging', () => {
  it('is a function electron-builder can call as afterPack', () => {
    expect(typeof hook).toBe('function');
  });

  it('flips every fuse to its hardened value, once per pack', async () => {
    const [call, ...more] = await flipFor('linux', ARCH.x64);

    expect(more).toEqual([]);
    expect(call?.config).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: false,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    });
  });

  it.each([
    ['linux', ARCH.x64, '/out/pack/parley'],
    ['win32', ARCH.x64, '/out/pack/Parley.exe'],
    ['darwin', ARCH.x64, '/out/pack/Parley.app'],
    ['mas', ARCH.arm64, '/out/pack/Parley.app'],
  ])('on %s finds the Electron binary at the packed path', async (platform, arch, path) => {
    const [call] = await flipFor(platform, arch);

    expect(call?.path).toBe(path);
  });

  it('resets the ad-hoc signature on macOS arm64 only', async () => {
    const reset = async (platform: string, arch: number) =>
      (await flipFor(platform, arch))[0]?.config.resetAdHocDarwinSignature;

    expect(await reset('darwin', ARCH.arm64)).toBe(true);
    expect(await reset('darwin', ARCH.x64)).toBe(false);
    expect(await reset('linux', ARCH.arm64)).toBe(false);
    expect(await reset('win32', ARCH.arm64)).toBe(false);
  });

  it('refuses an unknown platform instead of packing without fuses', async () => {
    await expect(flipFor('freebsd', ARCH.x64)).rejects.toThrow(/unknown platform/);
  });
});

describe('electron fuses on a binary', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

  it('the real hook rewrites the fuse wire of a stand-in Linux binary we make', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'parley-fuses-'));
    try {
      // Electron's default wire: RunAsNode, cookie encryption off, NODE_OPTIONS, inspect on, ...
      const wire = '10110001' + '1';
      const bytes = Buffer.concat([
        Buffer.from('ELF-ish padding '),
        Buffer.from(SENTINEL),
        Buffer.from([1, wire.length]),
        Buffer.from(wire),
        Buffer.from(' trailer'),
      ]);
      await writeFile(path.join(dir, 'parley'), bytes);

      await hook({
        appOutDir: dir,
        electronPlatformName: 'linux',
        arch: ARCH.x64,
        packager: { appInfo: { productFilename: 'Parley' }, executableName: 'parley' },
      });

      const after = await readFile(path.join(dir, 'parley'));
      const start = after.indexOf(SENTINEL) + SENTINEL.length + 2;
      // RunAsNode 0, cookies 1, NODE_OPTIONS 0, inspect 0, asar integrity 1, only asar 1,
      // V8 snapshot 0, file privileges 0; a fuse this library does not know stays as it was.
      expect(after.toString('ascii', start, start + wire.length)).toBe('01001100' + '1');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
