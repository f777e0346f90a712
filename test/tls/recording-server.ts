import { randomBytes } from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Server } from 'socket.io';

/** Everything that reached the server, so a test can prove what a client never sent. */
export interface Recorded {
  /** Connections whose TLS handshake completed on the server side. */
  tlsHandshakes: number;
  requests: { method: string; path: string; authorization: boolean }[];
  /** Raw bodies of POST /api/login. */
  loginBodies: string[];
  /** socket.io handshakes (any transport) with the `auth` they carried. */
  socketAuths: unknown[];
  /** WebSocket upgrade requests. */
  upgrades: number;
}

export const RECORDED_USER = { id: 'u1', username: 'ann', displayName: 'Ann' };

/**
 * A small REST + socket.io server over TLS on 127.0.0.1 that records what arrives and answers
 * just enough for a login and a socket connection (polling and WebSocket both enabled).
 */
export class RecordingServer {
  readonly recorded: Recorded = {
    tlsHandshakes: 0,
    requests: [],
    loginBodies: [],
    socketAuths: [],
    upgrades: 0,
  };
  readonly token = randomBytes(32).toString('hex');
  port = 0;
  private https: https.Server | null = null;
  private io: Server | null = null;

  constructor(private readonly cert: { certPem: string; keyPem: string }) {}

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = https.createServer({ cert: this.cert.certPem, key: this.cert.keyPem });
    server.on('secureConnection', () => (this.recorded.tlsHandshakes += 1));
    server.on('tlsClientError', () => undefined);
    server.prependListener('request', (req: IncomingMessage) => this.record(req));
    server.prependListener('upgrade', (req: IncomingMessage) => {
      this.recorded.upgrades += 1;
      this.record(req);
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.route(req, res));

    const io = new Server(server, { transports: ['polling', 'websocket'] });
    io.use((socket, next) => {
      this.recorded.socketAuths.push(socket.handshake.auth);
      next();
    });
    io.on('connection', (socket) => socket.emit('hello', { ok: true }));

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.https = server;
    this.io = io;
    return this;
  }

  async stop(): Promise<void> {
    const { https: server, io } = this;
    this.https = null;
    this.io = null;
    server?.closeAllConnections();
    if (io) await new Promise<void>((resolve) => io.close(() => resolve()));
  }

  private record(req: IncomingMessage): void {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    const authorization = typeof req.headers.authorization === 'string';
    this.recorded.requests.push({ method: req.method ?? '', path, authorization });
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    if (path.startsWith('/socket.io')) return;
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };

    if (req.method === 'GET' && path === '/api/info') {
      return json(200, { name: 'Recorder', protocolVersion: 1, minProtocolVersion: 1 });
    }
    if (req.method === 'POST' && path === '/api/login') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.recorded.loginBodies.push(Buffer.concat(chunks).toString('utf8'));
        json(200, { token: this.token, user: RECORDED_USER, expiresAt: null });
      });
      return;
    }
    json(404, { error: { code: 'not_found', message: 'No such endpoint.' } });
  }
}
