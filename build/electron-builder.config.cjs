/**
 * electron-builder configuration: Windows NSIS, macOS DMG + zip (zip is what Squirrel.Mac
 * updates from), Linux AppImage + deb, all publishing to one generic HTTPS feed.
 *
 * Signing comes from electron-builder's usual environment variables, never from this file:
 * - Windows and macOS certificate: CSC_LINK (path, https URL or base64 of a .p12/.pfx) and
 *   CSC_KEY_PASSWORD; per OS WIN_CSC_LINK / WIN_CSC_KEY_PASSWORD and CSC_NAME for a keychain
 *   identity on macOS. CSC_IDENTITY_AUTO_DISCOVERY=false stops it picking a random identity.
 * - macOS notarisation (on only when its variables are set): APPLE_API_KEY + APPLE_API_KEY_ID +
 *   APPLE_API_ISSUER, or APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID, or
 *   APPLE_KEYCHAIN_PROFILE.
 * - PARLEY_WIN_PUBLISHER_NAME: the Authenticode subject name; when set, the app also checks it
 *   on every downloaded Windows installer before running it.
 * - PARLEY_UPDATE_URL: the https update feed baked into app-update.yml (policy can override it).
 *
 * The update manifests electron-builder writes (latest*.yml) must be signed with
 * scripts/sign-manifest.ts before upload; the app refuses them otherwise.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads its configuration as CommonJS */
const fs = require('node:fs');
const path = require('node:path');

const { notarizationConfigured, updateUrl, windowsSigning } = require('./builder-env.cjs');

const publicKey = path.join(__dirname, 'update-public-key.pem');
if (!fs.existsSync(publicKey)) {
  throw new Error('build/update-public-key.pem is missing: run scripts/release-keygen.ts first.');
}

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'com.parley.desktop',
  productName: 'Parley',
  // parley:// deep links: the macOS Info.plist and the Linux .desktop file declare the scheme.
  protocols: [{ name: 'Parley', schemes: ['parley'] }],
  copyright: 'Copyright © Parley',
  directories: { output: 'out', buildResources: 'build' },
  files: [
    'dist/**',
    '!dist/**/*.map',
    'package.json',
    // Inside app.asar, so the asar integrity fuse covers the key the updates are checked with.
    { from: 'build', to: 'build', filter: ['update-public-key.pem'] },
  ],
  extraMetadata: { main: 'dist/main/main.cjs' },
  asar: true,
  asarUnpack: ['**/*.node'],
  afterPack: './build/fuses.cjs',

  win: { target: ['nsis'], ...windowsSigning() },
  nsis: {
    oneClick: false,
    perMachine: true,
    allowToChangeInstallationDirectory: false,
    // The app downloads whole installers only (no blockmap patching), so none are needed.
    differentialPackage: false,
  },

  mac: {
    target: ['dmg', 'zip'],
    category: 'public.app-category.business',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    notarize: notarizationConfigured(),
  },
  dmg: { writeUpdateInfo: false },

  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network;InstantMessaging',
    maintainer: 'Parley <it@parley.invalid>',
  },

  publish: [{ provider: 'generic', url: updateUrl(), channel: 'latest' }],
};

module.exports = config;
