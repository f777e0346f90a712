import { useEffect, useState } from 'react';

import type { SearchHit } from '../../../common/bridge';
import type { AppError } from '../../../common/result';
import { call } from '../app/bridge';

/** Wait this long after the last keystroke before searching. */
export const SEARCH_DEBOUNCE_MS = 250;

export type SearchState =
  | { status: 'idle' }
  | { status: 'searching'; hits: SearchHit[] }
  | { status: 'done'; hits: SearchHit[] }
  | { status: 'failed'; error: AppError };

/** Searches the local cache as the user types; an answer to an older query is dropped. */
export function useSearch(query: string): SearchState {
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const trimmed = query.trim();

  useEffect(() => {
    if (!trimmed) {
      setState({ status: 'idle' });
      return;
    }

    let current = true;
    const timer = setTimeout(() => {
      setState((previous) => ({
        status: 'searching',
        hits: previous.status === 'done' || previous.status === 'searching' ? previous.hits : [],
      }));

      void call((parley) => parley.searchMessages({ query: trimmed })).then((result) => {
        if (!current) return;
        setState(
          result.ok
            ? { status: 'done', hits: result.value }
            : { status: 'failed', error: result.error },
        );
      });
    }, SEARCH_DEBOUNCE_MS);

    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [trimmed]);

  return state;
}
