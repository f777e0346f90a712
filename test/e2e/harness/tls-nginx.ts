import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Debian's nginx; `.ci/run` installs the package. */
export const NGINX_PATH = process.env.PARLEY_NGINX ?? '/usr/sbin/nginx';

export interface NginxOptions {
  /** The certificate nginx presents to clients (for 127.0.0.1 and localhost). */
  certPem: string;
  keyPem: string;
  /** The reference server nginx forwards to over https, verifying it against `upstreamCaPem`. */
  upstreamPort: number;
  upstreamCaPem: string;
  /** The name the upstream certificate is checked against (a DNS name in its SAN). */
  upstreamName: string;
}

export interface RunningNginx {
  url: string;
  port: number;
  /** The error log so far, for a failing test's message. */
  errorLog(): Promise<string>;
  /** The access log so far (combined format). */
  accessLog(): Promise<string>;
  stop(): Promise<void>;
}

/** Fails with a message that says what to install: this test never skips itself. */
export function requireNginx(): void {
  const found = existsSync(NGINX_PATH) && spawnSync(NGINX_PATH, ['-v']).status === 0;
  if (!found) {
    throw new Error(
      `nginx was not found at ${NGINX_PATH}. Install Debian's package (apt-get install nginx) ` +
        'or set PARLEY_NGINX to its path; this test needs it and does not skip.',
    );
  }
}

async function freeLoopbackPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function config(dir: string, port: number, options: NginxOptions): string {
  const upstream = `https://127.0.0.1:${options.upstreamPort}`;
  const proxied = `
      proxy_pass ${upstream};
      proxy_ssl_verify on;
      proxy_ssl_verify_depth 2;
      proxy_ssl_trusted_certificate ${dir}/upstream-ca.crt;
      proxy_ssl_name ${options.upstreamName};
      proxy_ssl_server_name on;
      proxy_ssl_protocols TLSv1.2 TLSv1.3;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https;`;

  return `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 128; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }

  server {
    listen 127.0.0.1:${port} ssl;
    server_name localhost 127.0.0.1;
    ssl_certificate ${dir}/server.crt;
    ssl_certificate_key ${dir}/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;

    location /api/ {${proxied}
    }
    location /socket.io/ {${proxied}
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_buffering off;
      proxy_read_timeout 300s;
    }
    location / { return 404; }
  }
}
`;
}

async function waitForListening(port: number, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/**
 * nginx as a child process of the test: its own prefix, config, logs and pid file in a temp
 * directory, listening on a loopback port, terminating TLS and forwarding REST and socket.io
 * (with WebSocket upgrades) to the reference server over verified https.
 */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  requireNginx();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-nginx-'));
  // As root, nginx's workers run as an unprivileged user and must be able to enter the prefix.
  await chmod(dir, 0o755);
  await writeFile(path.join(dir, 'server.crt'), options.certPem);
  await writeFile(path.join(dir, 'server.key'), options.keyPem, { mode: 0o600 });
  await writeFile(path.join(dir, 'upstream-ca.crt'), options.upstreamCaPem);

  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freeLoopbackPort();
    const conf = path.join(dir, 'nginx.conf');
    await writeFile(conf, config(dir, port, options));

    const child = spawn(NGINX_PATH, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

    if (await waitForListening(port, child, 10_000)) {
      const read = (name: string) => readFile(path.join(dir, name), 'utf8').catch(() => '');
      return {
        url: `https://127.0.0.1:${port}`,
        port,
        errorLog: () => read('error.log'),
        accessLog: () => read('access.log'),
        async stop() {
          if (child.exitCode === null) child.kill('SIGQUIT');
          const timer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
          await rm(dir, { recursive: true, force: true });
        },
      };
    }

    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    const log = await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '');
    if (!/Address already in use/.test(log + stderr) || attempt === 2) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`nginx did not start: ${(stderr + log).trim().slice(-2_000)}`);
    }
  }
  throw new Error('nginx did not start');
}
