import { randomBytes } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

import { Server, type Socket } from 'socket.io';

import type { HandshakeRefusal } from '../connection/refusals';
import { FakeChat } from './fake-chat';
import { routeRest } from './fake-rest';
import type { ServerCert } from './tls-fixture';

/** What reached the server, so tests can prove what a client did and did not send. */
export interface Received {
  tlsSessions: number;
  rest: { method: string; path: string; hasAuthorization: boolean }[];
  handshakes: number;
  syncRequests: Record<string, number>[];
}

export interface FakeServerBehaviour {
  /** Refuse the next handshakes with this code. */
  refuseWith: HandshakeRefusal | null;
  /** Never answer acknowledged requests (to exercise ack timeouts). */
  silent: boolean;
  syncPageSize: number;
  protocolVersion: number;
  minProtocolVersion: number;
}

/** A small chat server over real TLS on 127.0.0.1, for the core's tests. Not the reference. */
export class FakeServer {
  readonly chat = new FakeChat();
  readonly tokens = new Map<string, string>();
  readonly received: Received = { tlsSessions: 0, rest: [], handshakes: 0, syncRequests: [] };
  readonly behaviour: FakeServerBehaviour = {
    refuseWith: null,
    silent: false,
    syncPageSize: 500,
    protocolVersion: 1,
    minProtocolVersion: 1,
  };
  port = 0;
  private http: https.Server | null = null;
  private io: Server | null = null;

  constructor(private readonly cert: ServerCert) {}

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const http = https.createServer({ cert: this.cert.certPem, key: this.cert.keyPem });
    http.on('secureConnection', () => (this.received.tlsSessions += 1));
    http.on('request', (req, res) => routeRest(this, req, res));
    const io = new Server(http, { transports: ['websocket'] });
    io.use((socket, next) => this.authorize(socket, next));
    io.on('connection', (socket) => this.onSocket(socket));
    await new Promise<void>((resolve) => http.listen(this.port, '127.0.0.1', resolve));
    this.port = (http.address() as AddressInfo).port;
    this.http = http;
    this.io = io;
    return this;
  }

  /** Goes away abruptly (as a crash or network loss would); state is kept for start(). */
  async stop(): Promise<void> {
    const { http, io } = this;
    this.http = null;
    this.io = null;
    if (!http || !io) return;
    http.closeAllConnections();
    await new Promise<void>((resolve) => io.close(() => resolve()));
  }

  login(username: string): string {
    const user = this.chat.users.find((u) => u.username === username);
    const token = randomBytes(32).toString('hex');
    this.tokens.set(token, user?.id ?? '');
    return token;
  }

  emitAll(event: string, payload: unknown): void {
    this.io?.emit(event, payload);
  }

  socketCount(): number {
    return this.io?.of('/').sockets.size ?? 0;
  }

  private authorize(socket: Socket, next: (error?: Error) => void): void {
    this.received.handshakes += 1;
    const auth = socket.handshake.auth as { token?: string };
    const code =
      this.behaviour.refuseWith ??
      (auth.token && this.tokens.has(auth.token) ? null : ('unauthorized' as const));
    if (!code) return next();
    next(Object.assign(new Error(code), { data: { code, message: `refused: ${code}` } }));
  }

  private onSocket(socket: Socket): void {
    const userId = this.tokens.get((socket.handshake.auth as { token: string }).token) ?? '';
    const answer = (value: unknown) => (this.behaviour.silent ? null : { ok: true, value });
    const reply = (ack: unknown, value: unknown) => {
      const body = answer(value);
      if (body && typeof ack === 'function') ack(body);
    };
    socket.emit('ready', this.chat.ready(userId));

    socket.on('message:send', (req: { channelId: string; body: string; clientId: string }, ack) => {
      const message = this.chat.post(req.channelId, userId, req.body, req.clientId);
      this.emitAll('message:new', message);
      reply(ack, message);
    });
    socket.on('message:edit', (req: { messageId: string; body: string }, ack) => {
      const message = this.chat.edit(req.messageId, req.body);
      if (message) this.emitAll('message:edited', message);
      reply(ack, message);
    });
    socket.on('message:delete', (req: { messageId: string }, ack) => {
      const message = this.chat.remove(req.messageId);
      if (message) this.emitAll('message:deleted', message);
      reply(ack, message);
    });
    socket.on(
      'history:page',
      (req: { channelId: string; limit: number; beforeSeq?: number }, ack) =>
        reply(ack, this.chat.history(req.channelId, req.limit, req.beforeSeq)),
    );
    socket.on('sync:since', (req: { cursors: Record<string, number> }, ack) => {
      this.received.syncRequests.push(req.cursors);
      reply(ack, this.chat.since(req.cursors, this.behaviour.syncPageSize));
    });
    socket.on('typing', (req: { channelId: string }) =>
      socket.broadcast.emit('typing', { channelId: req.channelId, userId }),
    );
  }
}
