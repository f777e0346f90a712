/**
 * First electron-builder configuration (electron-builder is not installed yet; a later issue
 * validates this). The publish URL is a placeholder on a reserved `.invalid` host.
 * @type {import('electron-builder').Configuration}
 */
module.exports = {
  appId: 'com.parley.desktop',
  productName: 'Parley',
  directories: { output: 'out', buildResources: 'build' },
  files: ['dist/**', 'package.json'],
  extraMetadata: { main: 'dist/main/main.cjs' },
  asar: true,
  asarUnpack: ['**/*.node'],
  linux: { target: ['AppImage', 'deb'], category: 'Network' },
  mac: { target: ['dmg', 'zip'], hardenedRuntime: true, gatekeeperAssess: false },
  win: { target: ['nsis'] },
  publish: [{ provider: 'generic', url: 'https://updates.parley.invalid/desktop' }],
};
