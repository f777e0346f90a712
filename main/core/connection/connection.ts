import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';

import type { ConnectionState } from '../../../common/bridge';
import {
  PROTOCOL_VERSION,
  ServerEvents,
  WireErrorSchema,
  type ReadyEvent,
} from '../../../common/protocol';
import { err, type AppError, type Result } from '../../../common/result';
import type { Logger } from '../log/logger';
import { classifyNetworkError } from '../net/tls-errors';
import type { Trust } from '../net/trust';
import { ackRequest } from './ack-request';
import { backoffDelay, type ReconnectOptions } from './backoff';
import { isHandshakeRefusal, refusalEnd, revokedByServer, type SessionEnd } from './refusals';
import { parseServerEvent, SERVER_EVENT_NAMES, type ServerEvent } from './server-events';

export interface ConnectionCallbacks {
  onState(state: ConnectionState): void;
  /** Every (re)connect, once the server has said who we are and what we may see. */
  onReady(ready: ReadyEvent): void;
  onEvent(event: Exclude<ServerEvent, { name: 'ready' | 'session:revoked' }>): void;
  /** The session is over; the connection has already stopped for good. */
  onEnded(end: SessionEnd): void;
  /** A connect attempt failed for a network or TLS reason; retrying continues. */
  onConnectFailure(error: AppError): void;
}

export interface ConnectionOptions {
  url: string;
  token: string;
  trust: Trust;
  log: Logger;
  ackTimeoutMs: number;
  reconnect: ReconnectOptions;
  callbacks: ConnectionCallbacks;
}

export interface Connection {
  readonly state: ConnectionState;
  request<T>(event: string, payload: unknown, schema: z.ZodType<T>): Promise<Result<T>>;
  /** Fire-and-forget; dropped when not online. */
  notify(event: string, payload: unknown): void;
  /** Stops for good (no reconnect) and forgets the token. */
  close(): void;
}

/** One live socket.io session over the shared TLS agent, with reconnection and refusals. */
export function openConnection(options: ConnectionOptions): Connection {
  const { log, callbacks, reconnect } = options;
  let state: ConnectionState = 'connecting';
  let closed = false;
  let everOnline = false;
  /** True between `ready` and the next disconnect: requests may go out. */
  let ready = false;
  let manualAttempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  const socket: Socket = io(options.url, {
    transports: ['websocket'],
    forceNew: true,
    // socket.io-client's types say string|boolean, but in Node it hands `agent` and `ca` to `ws`.
    agent: options.trust.agent as unknown as boolean,
    ca: options.trust.ca,
    auth: { token: options.token, protocolVersion: PROTOCOL_VERSION },
    reconnection: true,
    reconnectionDelay: reconnect.initialDelayMs,
    reconnectionDelayMax: reconnect.maxDelayMs,
    randomizationFactor: reconnect.jitter,
  });

  /**
   * Every socket listener and timer goes through here: a throw inside one would escape into
   * socket.io's emitter or the timer queue as an uncaught exception and kill the process. It is
   * logged by event name and error name (never the payload) and the event is dropped.
   */
  function guarded<A extends unknown[]>(name: string, handler: (...args: A) => void) {
    return (...args: A): void => {
      try {
        handler(...args);
      } catch (error) {
        log.error({ event: name, errorName: (error as Error)?.name }, 'connection.handler_failed');
      }
    };
  }

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    callbacks.onState(next);
  }

  function close(): void {
    if (closed) return;
    closed = true;
    clearTimeout(retryTimer);
    socket.auth = {};
    socket.removeAllListeners();
    socket.offAny();
    socket.disconnect();
    setState('offline');
  }

  function end(ending: SessionEnd): void {
    if (closed) return;
    log.warn({ reasonCode: ending.code }, 'connection.session_ended');
    close();
    callbacks.onEnded(ending);
  }

  /** socket.io does not retry after a refusal or a server-side disconnect, so we do. */
  function retryLater(): void {
    clearTimeout(retryTimer);
    const delay = backoffDelay(manualAttempt, reconnect);
    manualAttempt += 1;
    retryTimer = setTimeout(
      guarded('retry', () => !closed && socket.connect()),
      delay,
    );
  }

  const on = <A extends unknown[]>(name: string, handler: (...args: A) => void) =>
    socket.on(name, guarded(name, handler));

  on('connect_error', (error: Error & { data?: unknown }) => {
    if (closed) return;
    setState(everOnline ? 'reconnecting' : 'connecting');
    if (socket.active) {
      const failure = classifyNetworkError(error);
      log.warn({ errorCode: failure.code }, 'connection.connect_failed');
      callbacks.onConnectFailure(failure);
      return;
    }
    const refusal = error.message;
    log.warn({ refusal: isHandshakeRefusal(refusal) ? refusal : 'other' }, 'connection.refused');
    const data = WireErrorSchema.safeParse(error.data);
    if (isHandshakeRefusal(refusal) && refusal !== 'rate_limited') {
      end(refusalEnd(refusal, data.data?.message, data.data?.cause));
    } else retryLater();
  });

  on('disconnect', (reason: Socket.DisconnectReason) => {
    if (closed) return;
    ready = false;
    log.info({ reason }, 'connection.disconnected');
    setState('reconnecting');
    if (!socket.active) retryLater();
  });

  on(ServerEvents.sessionRevoked, (payload: unknown) => {
    const event = parseServerEvent(ServerEvents.sessionRevoked, payload);
    const revoked = event?.name === 'session:revoked' ? event.data : null;
    end(revokedByServer(revoked?.reason ?? '', revoked?.cause));
  });

  on(ServerEvents.ready, (payload: unknown) => {
    const event = parseServerEvent(ServerEvents.ready, payload);
    if (closed) return;
    if (event?.name !== 'ready') {
      log.warn({ event: ServerEvents.ready }, 'connection.event_malformed');
      return;
    }
    log.info({ channels: event.data.channels.length }, 'connection.ready');
    everOnline = true;
    ready = true;
    manualAttempt = 0;
    callbacks.onReady(event.data);
    setState('online');
  });

  for (const name of SERVER_EVENT_NAMES) {
    if (name === ServerEvents.ready || name === ServerEvents.sessionRevoked) continue;
    on(name, (payload: unknown) => {
      const event = parseServerEvent(name, payload);
      if (closed) return;
      if (!event || event.name === 'ready' || event.name === 'session:revoked') {
        log.warn({ event: name }, 'connection.event_malformed');
        return;
      }
      callbacks.onEvent(event);
    });
  }

  socket.onAny(
    guarded('any', (name: unknown) => {
      const known = (SERVER_EVENT_NAMES as unknown[]).includes(name);
      if (!known) log.debug({ event: String(name).slice(0, 64) }, 'connection.event_unknown');
    }),
  );

  return {
    get state() {
      return state;
    },
    async request(event, payload, schema) {
      if (closed || !ready || !socket.connected) {
        return err('not_connected', 'Parley is offline. Try again when the connection is back.');
      }
      return ackRequest(socket, log, { event, payload, schema, timeoutMs: options.ackTimeoutMs });
    },
    notify(event, payload) {
      if (!closed && ready && socket.connected) socket.emit(event, payload);
    },
    close,
  };
}
