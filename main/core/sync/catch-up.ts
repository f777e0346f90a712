import type { Channel, Message, SyncResponse } from '../../../common/protocol';
import { ok, type Result } from '../../../common/result';
import type { CursorStore } from './cursor-store';

export interface CatchUpDeps {
  /** Sends `sync:since` with these cursors. */
  request(cursors: Record<string, number>): Promise<Result<SyncResponse>>;
  cursors: CursorStore;
  /** Each new, edited or deleted message the client missed, in the server's order. */
  onChange(message: Message): void;
  /** False once a newer connection has started its own catch-up. */
  isCurrent(): boolean;
  maxRounds?: number;
}

/**
 * Runs after each `ready`: asks for everything above our cursor in each channel that moved on
 * while we were away, page by page while the server says there is more. A channel seen for the
 * first time starts at its current head (its history is loaded on demand).
 *
 * The request's cursors advance only from the sync answers, not from live events that arrive
 * meanwhile: a live event may be newer than changes the sync has not delivered yet.
 */
export async function catchUp(channels: Channel[], deps: CatchUpDeps): Promise<Result<number>> {
  const asking: Record<string, number> = {};
  for (const channel of channels) {
    const cursor = deps.cursors.get(channel.id);
    if (cursor === undefined) deps.cursors.advance(channel.id, channel.lastRev);
    else if (cursor < channel.lastRev) asking[channel.id] = cursor;
  }

  let delivered = 0;
  const maxRounds = deps.maxRounds ?? 200;
  for (let round = 0; round < maxRounds && Object.keys(asking).length > 0; round += 1) {
    const answer = await deps.request({ ...asking });
    if (!answer.ok || !deps.isCurrent()) return answer.ok ? ok(delivered) : answer;

    let progressed = false;
    for (const message of answer.value.changes) {
      const cursor = asking[message.channelId];
      if (cursor === undefined) continue;
      if (message.rev > cursor) {
        asking[message.channelId] = message.rev;
        progressed = true;
      }
      deps.cursors.advance(message.channelId, message.rev);
      deps.onChange(message);
      delivered += 1;
    }
    if (!answer.value.hasMore || !progressed) break;
  }
  return ok(delivered);
}
