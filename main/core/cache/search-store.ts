import type { SqliteDatabase } from './connection';
import { toFtsQuery } from './fts-query';
import { MESSAGE_COLUMNS, messageFromRow, type MessageRow } from './message-row';
import { parseSnippet, snippetMarkers } from './snippet';
import type { SearchOptions, SearchResult } from './types';

export const SEARCH_LIMIT_MAX = 100;
/** Tokens of context snippet() keeps around the hits. */
const SNIPPET_TOKENS = 16;

type SearchRow = MessageRow & { snippet: string };

/**
 * Local full-text search. Results come newest-cached first (FTS rowid order), which FTS5 can
 * walk in index order and stop at `limit`; ranking by bm25 would score every match first and
 * costs far more on common words (measured in bench/).
 */
export class SearchStore {
  private readonly everywhere;
  private readonly inChannel;

  constructor(db: SqliteDatabase) {
    const select = `
      SELECT ${MESSAGE_COLUMNS},
             snippet(message_fts, 0, :open, :close, '…', ${SNIPPET_TOKENS}) AS snippet
      FROM message_fts JOIN messages m ON m.row_id = message_fts.rowid
      WHERE message_fts MATCH :query`;
    const order = 'ORDER BY message_fts.rowid DESC LIMIT :limit';

    this.everywhere = db.prepare<[Record<string, unknown>], SearchRow>(`${select} ${order}`);
    this.inChannel = db.prepare<[Record<string, unknown>], SearchRow>(
      `${select} AND m.channel_id = :channelId ${order}`,
    );
  }

  search(text: string, options: SearchOptions): SearchResult[] {
    const { limit, channelId } = options;
    if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMIT_MAX) {
      throw new RangeError(`search limit must be 1..${SEARCH_LIMIT_MAX}`);
    }

    const query = toFtsQuery(text);
    if (query === null) return [];

    const markers = snippetMarkers();
    const params = { query, limit, open: markers.open, close: markers.close };
    const rows =
      channelId === undefined
        ? this.everywhere.all(params)
        : this.inChannel.all({ ...params, channelId });

    return rows.map((row) => ({
      message: messageFromRow(row),
      snippet: parseSnippet(row.snippet, markers),
    }));
  }
}
