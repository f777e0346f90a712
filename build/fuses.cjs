/**
 * electron-builder `afterPack` hook: flips Electron's fuses in the packaged binary, before
 * signing, so that the shipped app cannot be turned into a general Node runtime or debugged
 * into giving up its secrets. Referenced from electron-builder.config.cjs as `afterPack`.
 *
 * Threats, fuse by fuse:
 * - RunAsNode off: ELECTRON_RUN_AS_NODE=1 would make our signed binary run any script.
 * - EnableNodeOptionsEnvironmentVariable off: NODE_OPTIONS=--require would inject code.
 * - EnableNodeCliInspectArguments off: --inspect would attach a debugger to main.
 * - EnableCookieEncryption on: cookies on disk encrypted with the OS keychain.
 * - EnableEmbeddedAsarIntegrityValidation on + OnlyLoadAppFromAsar on: only our own, unmodified
 *   app.asar is loaded (integrity is checked on macOS and Windows; Linux has no check yet).
 * - GrantFileProtocolExtraPrivileges off: file:// gets no more than a browser gives it.
 * - LoadBrowserProcessSpecificV8Snapshot off: we ship no custom snapshot.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- electron-builder loads hooks as CommonJS
const { FuseV1Options, FuseVersion, flipFuses } = require('@electron/fuses');

/** electron-builder's `Arch` enum value for arm64. */
const ARCH_ARM64 = 3;

/** The fuse settings for one build; `resetAdHocDarwinSignature` only for macOS on arm64. */
function fuseConfig(platform, arch) {
  return {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: platform === 'darwin' && arch === ARCH_ARM64,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** Where the Electron binary (or, on macOS, the .app bundle) sits after packing. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;

  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return `${appOutDir}/${name}.app`;
    case 'win32':
      return `${appOutDir}/${name}.exe`;
    case 'linux':
      return `${appOutDir}/${packager.executableName}`;
    default:
      throw new Error(`fuses: unknown platform ${electronPlatformName}`);
  }
}

/** Builds the hook around a `flipFuses`; tests pass a recording fake. */
function createAfterPack(flip) {
  return async function afterPack(context) {
    const platform =
      context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
    await flip(electronBinaryPath(context), fuseConfig(platform, context.arch));
  };
}

module.exports = createAfterPack(flipFuses);
module.exports.createAfterPack = createAfterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
