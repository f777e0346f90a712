/**
 * The reference chat server.
 *
 *   npm run server -- [--config FILE] [--data DIR] [--host 127.0.0.1] [--port 7443] [--demo]
 *
 * FILE is the JSON server configuration described in server/README.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { loadConfigFile } from './config';
import { startServer } from './index';

const DEFAULT_DATA_DIR = path.join('.parley-dev', 'server');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: DEFAULT_DATA_DIR },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '7443' },
      demo: { type: 'boolean', default: false },
      config: { type: 'string' },
    },
  });
  const config = values.config ? await loadConfigFile(path.resolve(values.config)) : undefined;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  }

  const server = await startServer({
    dataDir: path.resolve(values.data),
    host: values.host,
    port,
    demo: values.demo,
    config,
  });
  process.stdout.write(
    [
      `Parley server listening on ${server.url}`,
      `CA certificate: ${server.caCertPath ?? '(supplied by the caller)'}`,
      `CA SPKI SHA-256 pin: ${server.caFingerprint}`,
      '',
    ].join('\n'),
  );

  const shutdown = (signal: string) => {
    process.stdout.write(`${signal}: shutting down\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`parley server failed to start: ${(error as Error).message}`);
  process.exit(1);
});
