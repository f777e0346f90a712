import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';

import type { Channel, Message } from '../../../common/protocol';
import { loadLatest, loadOlder } from '../app/message-actions';
import { EMPTY_HISTORY } from '../store/initial';
import { buildRows } from '../store/rows';
import { useStore } from '../store/store';
import { unsentIn } from '../store/unsent';
import { HistoryNotice } from './HistoryNotice';
import { RowView } from './RowView';
import { useScrollTarget } from './use-scroll-target';

const NO_MESSAGES: Message[] = [];

/** How close to the top (px) the user must scroll before the previous page loads. */
const LOAD_OLDER_THRESHOLD = 200;

export function MessageList({ channel }: { channel: Channel }) {
  const messages = useStore((state) => state.messages[channel.id] ?? NO_MESSAGES);
  const pending = useStore((state) => state.pending);
  const outbox = useStore((state) => state.outbox);
  const history = useStore((state) => state.history[channel.id] ?? EMPTY_HISTORY);
  const myId = useStore((state) => state.session?.user.id);
  const scrollRef = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => {
    const unsent = unsentIn(channel.id, outbox, pending);
    return buildRows(messages, unsent, myId, history.loaded && !history.hasMore);
  }, [messages, outbox, pending, channel.id, myId, history.loaded, history.hasMore]);

  // anchorTo 'end' keeps the visible message in place when older pages are prepended;
  // followOnAppend sticks to the bottom on new messages only when already at the bottom.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]?.kind === 'message' && rows[index].grouped ? 30 : 64),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 8,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: 48,
    useFlushSync: false,
  });

  useEffect(() => {
    void loadLatest(channel.id);
  }, [channel.id]);

  // Opening a channel whose messages we already hold starts at the newest one.
  useLayoutEffect(() => {
    virtualizer.scrollToEnd();
  }, [virtualizer]);

  // The user's own new message always brings the view down to it.
  const last = rows.at(-1);
  const ownNewKey = last?.kind === 'pending' ? last.key : null;
  useEffect(() => {
    if (ownNewKey) virtualizer.scrollToEnd();
  }, [ownNewKey, virtualizer]);

  // A search hit or a notification asked for a message: scroll to it once it is here.
  useScrollTarget(channel.id, rows, virtualizer);

  // A first page shorter than the window leaves nothing to scroll: fetch more straight away.
  useEffect(() => {
    const element = scrollRef.current;
    if (element && element.scrollHeight <= element.clientHeight) void loadOlder(channel.id);
  }, [rows.length, channel.id]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (element && element.scrollTop < LOAD_OLDER_THRESHOLD) void loadOlder(channel.id);
  };

  return (
    <div className="message-pane">
      <HistoryNotice channelId={channel.id} />
      <div
        ref={scrollRef}
        className="message-scroller"
        role="log"
        aria-label={`Messages in #${channel.name}`}
        tabIndex={0}
        onScroll={onScroll}
      >
        <div className="message-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;

            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="message-slot"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <RowView row={row} channelName={channel.name} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
