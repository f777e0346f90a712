import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

import type { SearchHit } from '../../../common/bridge';
import { revealMessage } from '../app/reveal';
import { SearchResults } from './SearchResults';
import { useSearch } from './use-search';

/**
 * Local search in the header. Ctrl/Cmd+F focuses it; typing searches after a pause; arrows move
 * through the hits; Escape closes the results, a second Escape clears the box.
 */
export function SearchBox() {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const state = useSearch(query);
  const boxRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'f') return;

      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
      setOpen(true);
    };
    const onPointerDown = (event: MouseEvent) => {
      if (!boxRef.current?.contains(event.target as Node)) setOpen(false);
    };

    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('mousedown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('mousedown', onPointerDown);
    };
  }, []);

  const close = () => {
    setOpen(false);
    inputRef.current?.focus();
  };

  const openHit = (hit: SearchHit) => {
    setOpen(false);
    void revealMessage(hit.message.channelId, hit.message.id, hit.message.seq);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      if (open) close();
      else setQuery('');
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      moveFocus(boxRef.current, event.key === 'ArrowDown' ? 1 : -1);
    }
  };

  return (
    <div className="search-box" ref={boxRef}>
      <input
        ref={inputRef}
        type="search"
        className="search-input"
        aria-label="Search messages"
        placeholder="Search messages"
        maxLength={200}
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      {open && query.trim() && (
        <SearchResults state={state} onOpen={openHit} onKeyDown={onKeyDown} />
      )}
    </div>
  );
}

/** Arrow keys walk from the box through the hits and back. */
function moveFocus(box: HTMLElement | null, step: 1 | -1): void {
  if (!box) return;

  const stops = [...box.querySelectorAll<HTMLElement>('.search-input, .search-hit')];
  const index = stops.indexOf(document.activeElement as HTMLElement);
  const next = stops[Math.min(stops.length - 1, Math.max(0, index + step))];
  next?.focus();
}
