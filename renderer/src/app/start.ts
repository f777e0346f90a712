import type { BridgeEvent } from '../../../common/bridge';
import { applyEvents, applySnapshot } from '../store/apply-events';
import { useStore } from '../store/store';
import { watchActivity } from './activity';
import { bridge, call } from './bridge';
import { revealMessage } from './reveal';

/**
 * Subscribes to events first, then asks for the snapshot: main answers in order, so events that
 * arrive before the snapshot are already part of it and the snapshot may overwrite them.
 * Returns the function that stops both the subscription and the activity reports.
 */
export function start(): () => void {
  const unsubscribe = bridge().onEvents(onEvents);
  const stopActivity = watchActivity();

  void call((parley) => parley.getSnapshot({})).then((result) => {
    if (result.ok) {
      applySnapshot(result.value);
      return;
    }

    useStore.setState({ booted: true, lastError: result.error });
  });

  return () => {
    unsubscribe();
    stopActivity();
  };
}

function onEvents(events: BridgeEvent[]): void {
  applyEvents(events);

  // The reducer opened the channel; loading and scrolling to the message is a side effect.
  for (const event of events) {
    if (event.type === 'focusMessage') void revealMessage(event.channelId, event.messageId, null);
  }
}
