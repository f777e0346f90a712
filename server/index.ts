import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

import type { DestinationStream } from 'pino';

import { createAdminCommands, type AdminCommands } from './admin/commands';
import { AccountService } from './auth/account';
import { Lockout } from './auth/lockout';
import { AuthService } from './auth/sessions';
import { systemClock, type Clock } from './clock';
import { parseConfig, type ServerConfig, type ServerConfigInput } from './config';
import { DEMO_ACCOUNTS } from './demo/accounts';
import { seedDemo } from './demo/seed';
import { createApiHandler } from './http/api';
import { createRootLogger, moduleLogger } from './log';
import { AddressLimiter } from './rate-limit';
import { createChatSocketServer, type ChatSocketServer } from './socket/server';
import { Store } from './store/store';
import { loadOrCreateDevPki } from './tls/dev-pki';
import { spkiSha256 } from './tls/pki';

export type { AdminCommands } from './admin/commands';
export type { ServerConfig, ServerConfigInput } from './config';
export { createCertificateAuthority, issueServerCertificate, spkiSha256 } from './tls/pki';

export interface ServerOptions {
  dataDir: string;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to 7443; 0 picks a free port. */
  port?: number;
  /**
   * The server's certificate and key. `caCertPem` (the issuer to trust) is optional; without
   * it clients are told to trust `certPem` itself. Omitted: the dev PKI in dataDir is used.
   */
  tls?: { certPem: string; keyPem: string; caCertPem?: string };
  /** Seeds demo users, channels and history once. */
  demo?: boolean;
  /** Silences logging (tests). */
  quiet?: boolean;
  /** Where the JSON log lines go instead of stdout (tests that read the log). */
  logDestination?: DestinationStream;
  /** How often live sockets' sessions are checked for revocation; default 1000 ms. */
  sessionCheckIntervalMs?: number;
  /**
   * Session lengths, MFA, password policy, lockout, rate limits, policy (see server/README.md).
   * A parsed `ServerConfig` or its JSON form; validated either way.
   */
  config?: ServerConfigInput;
  /** The clock for sessions, lockout and rate limits; tests pass one they can move. */
  now?: Clock;
}

export interface RunningServer {
  /** https://HOST:PORT */
  url: string;
  port: number;
  caCertPem: string;
  /** SPKI SHA-256 of the CA certificate, base64 (HPKP pin format). */
  caFingerprint: string;
  /** Path of the CA certificate file when the dev PKI is used, else null. */
  caCertPath: string | null;
  admin: AdminCommands;
  /** The validated configuration in force. */
  config: ServerConfig;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const root = createRootLogger({ quiet: options.quiet, destination: options.logDestination });
  const log = moduleLogger(root, 'server');
  const host = options.host ?? '127.0.0.1';
  const config = parseConfig(options.config);
  const now = options.now ?? systemClock;
  const tls = await resolveTls(options);

  const store = Store.open(options.dataDir, now);
  let sockets: ChatSocketServer | null = null;
  const sessionsRevoked = () => sockets?.checkSessions();
  const admin = createAdminCommands(
    store,
    {
      memberAdded: (channel, userId) => sockets?.memberAdded(channel, userId),
      sessionsRevoked,
    },
    config,
  );
  const authLog = moduleLogger(root, 'auth');
  const lockout = new Lockout(store, config.lockout, now);
  const auth = new AuthService(store, { config, lockout, log: authLog, now });
  const accounts = new AccountService(store, {
    config,
    lockout,
    log: authLog,
    now,
    sessionsRevoked,
  });

  try {
    if (options.demo && (await seedDemo(store, admin))) printDemoAccounts(options.quiet);

    const https = createHttpsServer({
      cert: tls.certPem,
      key: tls.keyPem,
      minVersion: 'TLSv1.2',
      requestTimeout: 30_000,
      headersTimeout: 15_000,
    });
    const api = createApiHandler({
      auth,
      accounts,
      admin,
      config,
      log: moduleLogger(root, 'http'),
      now,
      logins: new AddressLimiter(config.rateLimit.loginsPerMinute, now),
    });
    https.on('request', (req, res) => void api(req, res));
    https.on('tlsClientError', (error) => log.debug({ event: 'tls.client_error', err: error }));

    const connections = new Set<Socket>();
    https.on('secureConnection', (socket) => {
      connections.add(socket);
      socket.on('close', () => connections.delete(socket));
    });

    sockets = createChatSocketServer({
      https,
      store,
      auth,
      log: moduleLogger(root, 'socket'),
      sessionCheckIntervalMs: options.sessionCheckIntervalMs ?? 1000,
      connectsPerMinute: config.rateLimit.connectsPerMinute,
      policy: config.policy,
      now,
    });

    await listen(https, host, options.port ?? 7443);
    const port = (https.address() as AddressInfo).port;
    const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
    log.info({
      event: 'server.started',
      url,
      caFingerprint: tls.caFingerprint,
      caCertPath: tls.caCertPath,
    });

    const chat = sockets;
    let closing: Promise<void> | null = null;
    const close = () => {
      closing ??= (async () => {
        chat.stop();
        await new Promise<void>((resolve) => {
          // io.close() ends every socket.io client and closes the HTTPS server.
          void chat.io.close(() => resolve());
          https.closeAllConnections();
          for (const socket of connections) socket.destroy();
        });
        store.close();
        log.info({ event: 'server.stopped', port });
      })();
      return closing;
    };

    return {
      url,
      port,
      caCertPem: tls.caCertPem,
      caFingerprint: tls.caFingerprint,
      caCertPath: tls.caCertPath,
      admin,
      config,
      close,
    };
  } catch (error) {
    sockets?.stop();
    store.close();
    throw error;
  }
}

async function resolveTls(options: ServerOptions) {
  if (options.tls) {
    const caCertPem = options.tls.caCertPem ?? options.tls.certPem;
    return {
      certPem: options.tls.certPem,
      keyPem: options.tls.keyPem,
      caCertPem,
      caFingerprint: spkiSha256(caCertPem),
      caCertPath: null,
    };
  }
  return loadOrCreateDevPki(options.dataDir);
}

function listen(
  server: ReturnType<typeof createHttpsServer>,
  host: string,
  port: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Demo passwords are public constants for local development; printing them is the point. */
function printDemoAccounts(quiet: boolean | undefined): void {
  if (quiet) return;
  const lines = DEMO_ACCOUNTS.map((a) => `  ${a.username} / ${a.password}`);
  process.stdout.write(`Seeded demo data. Demo accounts:\n${lines.join('\n')}\n`);
}
