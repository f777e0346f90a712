import type { Socket } from 'socket.io-client';
import type { z } from 'zod';

import { ackSchema } from '../../../common/protocol';
import { err, ok, type Result } from '../../../common/result';
import type { Logger } from '../log/logger';

/**
 * Emits one acknowledged client event and waits at most `timeoutMs` for the answer, which is
 * parsed with `ackSchema(schema)`. A missing answer is `timeout`; a malformed one `server_error`.
 */
export async function ackRequest<T>(
  socket: Socket,
  log: Logger,
  request: { event: string; payload: unknown; schema: z.ZodType<T>; timeoutMs: number },
): Promise<Result<T>> {
  let answer: unknown;
  try {
    answer = await socket.timeout(request.timeoutMs).emitWithAck(request.event, request.payload);
  } catch {
    log.warn({ event: request.event }, 'connection.ack_timeout');
    return err('timeout', 'The server did not confirm in time. Please try again.');
  }

  const parsed = ackSchema(request.schema).safeParse(answer);
  if (!parsed.success) {
    log.warn({ event: request.event }, 'connection.ack_malformed');
    return err('server_error', 'The server sent an answer Parley does not understand.');
  }
  if (!parsed.data.ok) {
    const { code, message, retryAt } = parsed.data.error;
    return err(code, message, retryAt === undefined ? {} : { retryAt });
  }
  return ok(parsed.data.value as T);
}
