/**
 * `npm start`: build everything, run the reference server with demo data on loopback, and open
 * the app against it. Stops the server when Electron exits.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const MISSING_ELECTRON =
  'Parley: the Electron binary is not installed on this machine (npm ci with ' +
  'ELECTRON_SKIP_BINARY_DOWNLOAD); use "npm run preview -- --out DIR" to see the UI.';

const DEV_DIR = path.resolve('.parley-dev');

/** `require('electron')` from Node returns the binary's path, or throws when it never installed. */
function resolveElectronBinary(): string | null {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

async function buildAll(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' });

  const { buildMain } = await import('./build-main');
  await buildMain();
}

async function main(): Promise<void> {
  const electron = resolveElectronBinary();
  if (!electron) {
    console.error(MISSING_ELECTRON);
    process.exit(1);
  }

  await buildAll();

  const { startServer } = await import('../server/index');
  const dataDir = path.join(DEV_DIR, 'server');
  await fs.mkdir(dataDir, { recursive: true });
  const server = await startServer({ dataDir, host: '127.0.0.1', port: 7443, demo: true });

  const caFile = path.join(DEV_DIR, 'server-ca.pem');
  await fs.writeFile(caFile, server.caCertPem, { mode: 0o600 });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PARLEY_DEFAULT_SERVER: server.url,
    PARLEY_EXTRA_CA_FILE: caFile,
  };
  // Would make the binary behave as plain Node instead of opening the app.
  delete env.ELECTRON_RUN_AS_NODE;

  console.log(`Parley: demo server on ${server.url}; starting Electron`);
  const child = spawn(electron, [path.resolve('dist/main/main.cjs')], { stdio: 'inherit', env });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal));
  }

  const stop = (code: number) => {
    void Promise.resolve(server.close()).finally(() => process.exit(code));
  };
  child.on('exit', (code) => stop(code ?? 0));
  child.on('error', (error) => {
    console.error('Parley: could not start Electron:', error.message);
    stop(1);
  });
}

main().catch((error: unknown) => {
  console.error('Parley: start failed:', (error as Error).message);
  process.exit(1);
});
