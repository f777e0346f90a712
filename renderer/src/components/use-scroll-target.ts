import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect } from 'react';

import type { Row } from '../store/rows';
import { useStore } from '../store/store';

/** How long a message jumped to stays highlighted. */
export const HIGHLIGHT_MS = 2_500;

/**
 * Scrolls the list to the store's scroll target once its row exists, then flashes it. The
 * target is cleared when reached; the highlight clears itself.
 */
export function useScrollTarget(
  channelId: string,
  rows: readonly Row[],
  virtualizer: Virtualizer<HTMLDivElement, Element>,
): void {
  const target = useStore((state) => state.scrollTarget);
  const highlighted = useStore((state) => state.highlightedMessageId);

  useEffect(() => {
    if (!target || target.channelId !== channelId) return;

    const index = rows.findIndex(
      (row) => row.kind === 'message' && row.message.id === target.messageId,
    );
    if (index === -1) return;

    virtualizer.scrollToIndex(index, { align: 'center' });
    const store = useStore.getState();
    store.setScrollTarget(null);
    store.setHighlightedMessage(target.messageId);
  }, [target, channelId, rows, virtualizer]);

  useEffect(() => {
    if (!highlighted) return;

    const timer = setTimeout(() => {
      if (useStore.getState().highlightedMessageId === highlighted) {
        useStore.getState().setHighlightedMessage(null);
      }
    }, HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlighted]);
}
