import { useStore } from '../store/store';
import { withNotice } from '../store/unsent-events';
import { loadBefore, loadLatest, loadOlder } from './message-actions';

/** A jump loads the page that ends this many messages after the target, so it sits mid-page. */
export const REVEAL_PAGE_OFFSET = 25;

/** Without a seq (a notification click) we page back at most this far looking for it. */
const MAX_OLDER_PAGES = 4;

/**
 * Opens the channel, makes sure the message is loaded, then asks the list to scroll to it and
 * flash it. Used by search hits (which know the seq) and `focusMessage` events (which do not).
 */
export async function revealMessage(
  channelId: string,
  messageId: string,
  seq: number | null,
): Promise<void> {
  const store = useStore.getState();
  store.setScrollTarget(null);
  if (store.currentChannelId !== channelId) store.selectChannel(channelId);

  await loadLatest(channelId);
  await historySettled(channelId);

  // TODO(renderer): a page loaded far back leaves a gap between it and the newest page, and
  // nothing loads the messages in between yet; the list then reads as if they were adjacent.
  if (!isHeld(channelId, messageId) && seq !== null) {
    await loadBefore(channelId, seq + REVEAL_PAGE_OFFSET);
  }

  for (let page = 0; seq === null && page < MAX_OLDER_PAGES; page += 1) {
    if (isHeld(channelId, messageId)) break;

    const before = useStore.getState().messages[channelId]?.length ?? 0;
    await loadOlder(channelId);
    if ((useStore.getState().messages[channelId]?.length ?? 0) === before) break;
  }

  if (!isHeld(channelId, messageId)) {
    useStore.setState((state) =>
      withNotice(state, 'info', 'That message could not be found. It may have been deleted.'),
    );
    return;
  }

  useStore.getState().setScrollTarget({ channelId, messageId });
}

function isHeld(channelId: string, messageId: string): boolean {
  return useStore.getState().messages[channelId]?.some((held) => held.id === messageId) ?? false;
}

/** Resolves once no page of this channel is loading (someone else may have started one). */
function historySettled(channelId: string): Promise<void> {
  const idle = () => !(useStore.getState().history[channelId]?.loading ?? false);

  return new Promise((resolve) => {
    if (idle()) return resolve();

    const unsubscribe = useStore.subscribe(() => {
      if (!idle()) return;
      unsubscribe();
      resolve();
    });
  });
}
