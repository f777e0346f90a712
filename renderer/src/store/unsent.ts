import type { OutboxEntry } from '../../../common/bridge';
import type { AppError } from '../../../common/result';
import type { PendingSend } from './types';

/** One unsent message as the list shows it, whether main's outbox holds it or only we do. */
export interface Unsent {
  clientId: string;
  channelId: string;
  body: string;
  createdAt: number;
  state: OutboxEntry['state'];
  /** Main's plain-words reason, or the error of a send call that never reached the outbox. */
  error: string | AppError | null;
  /** Retry and Discard go to main for these; the others are ours alone. */
  inOutbox: boolean;
}

/** The channel's unsent messages, oldest first: main's outbox, then our own not yet in it. */
export function unsentIn(
  channelId: string,
  outbox: readonly OutboxEntry[],
  pending: Record<string, PendingSend>,
): Unsent[] {
  const listed = new Set(outbox.map((entry) => entry.clientId));

  const fromOutbox = outbox
    .filter((entry) => entry.channelId === channelId)
    .map((entry): Unsent => ({ ...entry, inOutbox: true }));

  const local = Object.values(pending)
    .filter((send) => send.channelId === channelId && !listed.has(send.clientId))
    .map((send): Unsent => ({
      clientId: send.clientId,
      channelId: send.channelId,
      body: send.body,
      createdAt: send.createdAt,
      state: send.status === 'failed' ? 'failed' : 'pending',
      error: send.error,
      inOutbox: false,
    }));

  return [...fromOutbox, ...local].sort((a, b) => a.createdAt - b.createdAt);
}
