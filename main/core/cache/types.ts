import type { Message } from '../../../common/protocol';

/** One piece of a search snippet. The renderer shows `text` as text; `match` marks a hit. */
export interface SnippetSegment {
  text: string;
  match: boolean;
}

export interface SearchResult {
  message: Message;
  snippet: SnippetSegment[];
}

export interface SearchOptions {
  limit: number;
  channelId?: string;
}

export interface PageOptions {
  /** Messages with seq strictly below this; omitted for the newest page. */
  beforeSeq?: number;
  limit: number;
}

export interface MessagePage {
  /** Ascending by seq. */
  messages: Message[];
  hasMore: boolean;
}

export interface ApplyResult {
  /** Messages that were new or carried a newer rev than the cached copy, in input order. */
  changed: Message[];
  /** Messages ignored because the cache already held the same or a newer rev. */
  stale: number;
  /** Messages ignored because their channel is not cached (upsert the channel first). */
  unknownChannel: number;
}

export type OutboxState = 'pending' | 'failed';

export interface OutboxEntry {
  clientId: string;
  channelId: string;
  body: string;
  createdAt: number;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
}

export interface NewOutboxEntry {
  clientId: string;
  channelId: string;
  body: string;
  createdAt: number;
}
