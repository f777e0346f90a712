import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import os from 'node:os';
import path from 'node:path';

import { io, type Socket } from 'socket.io-client';

import { PROTOCOL_VERSION, type ReadyEvent } from '../../common/protocol';
import { startServer, type RunningServer, type ServerOptions } from '../index';

/** Test helpers: temp data folders, a server on an ephemeral loopback port, clients trusting its CA. */

export async function makeTempDir(prefix = 'parley-server-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * A server on an ephemeral loopback port. Tests log in and connect far more often than people
 * do, so the per-address rate limits are generous unless `options.config` sets its own.
 */
export function startTestServer(
  dataDir: string,
  options: Partial<ServerOptions> = {},
): Promise<RunningServer> {
  const config = {
    rateLimit: { loginsPerMinute: 10_000, connectsPerMinute: 10_000 },
    ...options.config,
  };
  return startServer({ dataDir, host: '127.0.0.1', port: 0, quiet: true, ...options, config });
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
}

/** One HTTPS request that trusts only the server's CA. */
export function request(
  server: RunningServer,
  options: {
    method: string;
    path: string;
    body?: string | Buffer;
    headers?: Record<string, string>;
  },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      `${server.url}${options.path}`,
      { method: options.method, headers: options.headers, ca: server.caCertPem, timeout: 5000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            json: text ? (JSON.parse(text) as unknown) : null,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

export function postJson(server: RunningServer, urlPath: string, value: unknown) {
  return request(server, {
    method: 'POST',
    path: urlPath,
    body: JSON.stringify(value),
    headers: { 'Content-Type': 'application/json' },
  });
}

export async function login(server: RunningServer, username: string, password: string) {
  const answer = await postJson(server, '/api/login', {
    username,
    password,
    protocolVersion: PROTOCOL_VERSION,
  });
  if (answer.status !== 200) throw new Error(`login failed with ${answer.status}`);

  return (answer.json as { token: string }).token;
}

export interface Connected {
  socket: Socket;
  ready: ReadyEvent;
}

export function openSocket(server: RunningServer, auth: Record<string, unknown>): Socket {
  return io(server.url, {
    transports: ['websocket'],
    auth,
    ca: server.caCertPem,
    reconnection: false,
    timeout: 5000,
    forceNew: true,
  });
}

/** Connects and waits for `ready`; rejects with the connect_error. */
export function connect(server: RunningServer, token: string): Promise<Connected> {
  const socket = openSocket(server, { token, protocolVersion: PROTOCOL_VERSION });

  return new Promise((resolve, reject) => {
    socket.once('ready', (ready: ReadyEvent) => resolve({ socket, ready }));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Resolves with the connect_error a refused handshake produces. */
export function refusal(
  server: RunningServer,
  auth: Record<string, unknown>,
): Promise<Error & { data?: unknown }> {
  const socket = openSocket(server, auth);

  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.close();
      reject(new Error('the handshake was accepted'));
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error);
    });
  });
}

export function call<T = unknown>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(3000).emitWithAck(event, ...args) as Promise<T>;
}

export function nextEvent<T = unknown>(socket: Socket, event: string, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (value: T) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** A REST call with a Bearer token, and a JSON body when given. */
export function withToken(
  server: RunningServer,
  token: string | null,
  method: string,
  urlPath: string,
  value?: unknown,
) {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (value !== undefined) headers['Content-Type'] = 'application/json';

  return request(server, {
    method,
    path: urlPath,
    headers,
    body: value === undefined ? undefined : JSON.stringify(value),
  });
}

/** The raw answer to a login, for tests of refusals. */
export function tryLogin(
  server: RunningServer,
  username: string,
  password: string,
  totpCode?: string,
) {
  return postJson(server, '/api/login', {
    username,
    password,
    protocolVersion: PROTOCOL_VERSION,
    ...(totpCode === undefined ? {} : { totpCode }),
  });
}
