/**
 * Bundles the Electron main process and the preload into dist/main/. Native modules and
 * electron itself stay external; the preload is bundled alone because a sandboxed preload can
 * require nothing but electron.
 */
import { pathToFileURL } from 'node:url';

import { build, type BuildOptions } from 'esbuild';

const shared: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
};

export const MAIN_BUILD: BuildOptions = {
  ...shared,
  entryPoints: ['main/electron/main.ts'],
  outfile: 'dist/main/main.cjs',
  target: 'node22',
  external: ['electron', 'better-sqlite3-multiple-ciphers', 'keytar'],
};

export const PRELOAD_BUILD: BuildOptions = {
  ...shared,
  entryPoints: ['preload/index.ts'],
  outfile: 'dist/main/preload.cjs',
  target: 'es2022',
  external: ['electron'],
};

export async function buildMain(): Promise<void> {
  await Promise.all([build(MAIN_BUILD), build(PRELOAD_BUILD)]);
}

const isEntry = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) {
  buildMain().then(
    () => console.log('Parley: built dist/main/main.cjs and dist/main/preload.cjs'),
    (error: unknown) => {
      console.error('Parley: main build failed:', (error as Error).message);
      process.exitCode = 1;
    },
  );
}
