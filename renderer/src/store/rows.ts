import type { Message } from '../../../common/protocol';
import type { Unsent } from './unsent';

/** Consecutive messages by one author within this gap share a header. */
const GROUP_GAP_MS = 5 * 60_000;

export type Row =
  | { kind: 'start'; key: string }
  | { kind: 'message'; key: string; message: Message; grouped: boolean }
  | { kind: 'pending'; key: string; send: Unsent; grouped: boolean };

/** What the message list shows: confirmed messages by seq, then the user's unsent ones. */
export function buildRows(
  messages: readonly Message[],
  unsent: readonly Unsent[],
  myId: string | undefined,
  atStart: boolean,
): Row[] {
  const rows: Row[] = atStart ? [{ kind: 'start', key: 'start' }] : [];
  let previous: { authorId: string; at: number; deleted: boolean } | null = null;

  const groups = (authorId: string, at: number) =>
    previous !== null &&
    !previous.deleted &&
    previous.authorId === authorId &&
    at - previous.at < GROUP_GAP_MS;

  for (const message of messages) {
    const grouped = !message.deleted && groups(message.authorId, message.createdAt);
    rows.push({ kind: 'message', key: message.id, message, grouped });
    previous = { authorId: message.authorId, at: message.createdAt, deleted: message.deleted };
  }

  for (const send of unsent) {
    const grouped = myId !== undefined && groups(myId, send.createdAt);
    rows.push({ kind: 'pending', key: `pending:${send.clientId}`, send, grouped });
    previous = { authorId: myId ?? '', at: send.createdAt, deleted: false };
  }

  return rows;
}
