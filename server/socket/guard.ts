import type { z } from 'zod';

import { err, ok } from '../../common/result';
import { ServiceError, toAppError } from '../errors';
import { assertSessionLive } from './revocation';
import type { ChatSocket, SocketDeps } from './types';

type Ack = (result: unknown) => void;

export interface HandlerContext {
  deps: SocketDeps;
  socket: ChatSocket;
}

/** One client event: its name, payload schema, limiter, and what it does once all checks pass. */
export interface EventHandler {
  event: string;
  acked: boolean;
  limiter: 'events' | 'typing';
  run(context: HandlerContext, payload: unknown): Promise<unknown>;
}

export function defineHandler<S extends z.ZodType>(spec: {
  event: string;
  schema: S;
  acked?: boolean;
  limiter?: 'events' | 'typing';
  handle(context: HandlerContext, input: z.infer<S>): unknown;
}): EventHandler {
  return {
    event: spec.event,
    acked: spec.acked ?? true,
    limiter: spec.limiter ?? 'events',
    run: async (context, payload) => spec.handle(context, parsePayload(spec.schema, payload)),
  };
}

/**
 * The one guard every client event passes through: an ack is required where the protocol says
 * so, the session must still be live, the rate limit holds, the payload parses. Whatever a
 * handler throws becomes an error ack; nothing a client sends can crash the server.
 */
export function bindHandlers(deps: SocketDeps, socket: ChatSocket, handlers: EventHandler[]) {
  const known = new Set(handlers.map((handler) => handler.event));

  for (const handler of handlers) {
    socket.on(handler.event, (...args: unknown[]) => {
      void dispatch(deps, socket, handler, args);
    });
  }

  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && known.has(event)) return;
    deps.log.debug({ event: 'socket.unknown_event', socketId: socket.id });
    takeAck(args)?.(err('invalid_input', 'This server does not know that event.'));
  });
}

async function dispatch(
  deps: SocketDeps,
  socket: ChatSocket,
  handler: EventHandler,
  args: unknown[],
): Promise<void> {
  const ack = takeAck(args);

  try {
    if (handler.acked && !ack) {
      throw new ServiceError('invalid_input', 'This event must be sent with an acknowledgement.');
    }
    if (args.length !== 1) throw new ServiceError('invalid_input', 'Send exactly one payload.');
    assertSessionLive(deps, socket);
    if (!socket.data.buckets[handler.limiter].take()) {
      throw new ServiceError('rate_limited', 'Too many requests. Slow down and try again.');
    }

    const value = await handler.run({ deps, socket }, args[0]);
    ack?.(ok(value ?? null));
  } catch (error) {
    const appError = toAppError(error);
    const fields = { event: 'socket.rejected', name: handler.event, code: appError.code };
    if (appError.code === 'server_error') {
      deps.log.error({ ...fields, socketId: socket.id, err: error });
    } else {
      deps.log.debug({ ...fields, socketId: socket.id });
    }
    ack?.({ ok: false, error: appError });
  }
}

function takeAck(args: unknown[]): Ack | undefined {
  return typeof args.at(-1) === 'function' ? (args.pop() as Ack) : undefined;
}

function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.').slice(0, 100)}: ` : '';
  if (issue?.code === 'too_big') {
    throw new ServiceError('too_large', `${where}${issue.message}`);
  }
  throw new ServiceError('invalid_input', `${where}${issue?.message ?? 'invalid payload'}`);
}
