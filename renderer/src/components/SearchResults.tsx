import { Fragment, type KeyboardEvent } from 'react';

import type { SearchHit } from '../../../common/bridge';
import { describeError } from '../text/error-text';
import { dayAndTime, fullTime } from '../text/time';
import type { SearchState } from './use-search';

/**
 * The hits of a local search. The body arrives as plain-text segments: each is rendered as a
 * text node, the matching ones inside <mark>. Nothing here is ever parsed as HTML or Markdown.
 */
export function SearchResults({
  state,
  onOpen,
  onKeyDown,
}: {
  state: SearchState;
  onOpen: (hit: SearchHit) => void;
  onKeyDown: (event: KeyboardEvent) => void;
}) {
  return (
    <div className="search-panel" role="region" aria-label="Search results" onKeyDown={onKeyDown}>
      <SearchBody state={state} onOpen={onOpen} />
    </div>
  );
}

function SearchBody({ state, onOpen }: { state: SearchState; onOpen: (hit: SearchHit) => void }) {
  if (state.status === 'idle') return null;
  if (state.status === 'failed') {
    return <p className="search-note">Search failed. {describeError(state.error)}</p>;
  }
  if (state.hits.length === 0) {
    return (
      <p className="search-note">
        {state.status === 'searching' ? 'Searching…' : 'No messages match.'}
      </p>
    );
  }

  return (
    <ul className="search-hits">
      {state.hits.map((hit) => (
        <li key={hit.message.id}>
          <button type="button" className="search-hit" onClick={() => onOpen(hit)}>
            <span className="search-hit-meta">
              <span className="search-hit-channel">#{hit.channelName}</span>
              <span className="search-hit-author">{hit.authorName}</span>
              <time
                dateTime={new Date(hit.message.createdAt).toISOString()}
                title={fullTime(hit.message.createdAt)}
              >
                {dayAndTime(hit.message.createdAt)}
              </time>
            </span>
            <span className="search-hit-body">
              {hit.segments.map((segment, index) =>
                segment.match ? (
                  <mark key={index}>{segment.text}</mark>
                ) : (
                  <Fragment key={index}>{segment.text}</Fragment>
                ),
              )}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
