/** Most terms a search may carry; more are dropped (a chat search is a few words). */
export const MAX_QUERY_TERMS = 12;
const MAX_TERM_CHARS = 64;

/** A term the unicode61 tokenizer would index at least one token of. */
const HAS_TOKEN_CHAR = /[\p{L}\p{N}]/u;
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

/** Wraps a term as an FTS5 string: inside double quotes only `"` is special, and is doubled. */
function quote(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/**
 * Turns what the user typed into an FTS5 query that can only mean "all of these words, the last
 * one possibly unfinished". Every term is a quoted string, so operators (AND, OR, NOT, NEAR),
 * column filters, `*`, `^`, `-` and parentheses are plain text. Returns null when nothing
 * searchable is left, so the caller returns no results rather than running an empty query.
 */
export function toFtsQuery(text: string): string | null {
  const terms = text
    .replace(CONTROL_CHARS, ' ')
    .normalize('NFC')
    .split(/\s+/u)
    .filter((term) => HAS_TOKEN_CHAR.test(term))
    .slice(0, MAX_QUERY_TERMS)
    .map((term) => term.slice(0, MAX_TERM_CHARS));

  if (terms.length === 0) return null;

  const quoted = terms.map(quote);
  quoted[quoted.length - 1] += '*';
  return quoted.join(' ');
}
