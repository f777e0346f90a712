import type { Message } from '../../../common/protocol';

/** A messages row as SQLite returns it. */
export interface MessageRow {
  id: string;
  channel_id: string;
  seq: number;
  rev: number;
  author_id: string;
  client_id: string;
  body: string;
  created_at: number;
  edited_at: number | null;
  deleted: number;
}

export const MESSAGE_COLUMNS =
  'm.id, m.channel_id, m.seq, m.rev, m.author_id, m.client_id, m.body, m.created_at, ' +
  'm.edited_at, m.deleted';

export function messageFromRow(row: MessageRow): Message {
  return {
    id: row.id,
    channelId: row.channel_id,
    seq: row.seq,
    rev: row.rev,
    authorId: row.author_id,
    clientId: row.client_id,
    body: row.body,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deleted: row.deleted === 1,
  };
}

/** Named parameters for an insert. A deleted message keeps no text on disk. */
export function messageParams(message: Message) {
  return {
    id: message.id,
    channel_id: message.channelId,
    seq: message.seq,
    rev: message.rev,
    author_id: message.authorId,
    client_id: message.clientId,
    body: message.deleted ? '' : message.body,
    created_at: message.createdAt,
    edited_at: message.editedAt,
    deleted: message.deleted ? 1 : 0,
  };
}
