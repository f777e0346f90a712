import { useEffect, useReducer, useRef } from 'react';

import { useStore } from '../store/store';

function describeTyping(names: string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

/** "alice is typing…", fading out when the hints expire. */
export function TypingLine({ channelId }: { channelId: string }) {
  const typing = useStore((state) => state.typing[channelId]);
  const users = useStore((state) => state.users);
  const [, tick] = useReducer((count: number) => count + 1, 0);
  const lastText = useRef('');

  const now = Date.now();
  const active = Object.entries(typing ?? {}).filter(([, until]) => until > now);
  const names = active.map(([id]) => users[id]?.displayName || users[id]?.username || 'Someone');
  const text = describeTyping(names);
  if (text) lastText.current = text;

  // Re-render when the next hint expires.
  const nextExpiry = Math.min(...active.map(([, until]) => until));
  useEffect(() => {
    if (!Number.isFinite(nextExpiry)) return;

    const timer = setTimeout(tick, nextExpiry - Date.now() + 20);
    return () => clearTimeout(timer);
  }, [nextExpiry]);

  return (
    <p className={text ? 'typing-line is-visible' : 'typing-line'} aria-hidden={!text}>
      {text ?? lastText.current}
    </p>
  );
}
