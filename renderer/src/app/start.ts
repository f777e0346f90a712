import { applyEvents, applySnapshot } from '../store/apply-events';
import { useStore } from '../store/store';
import { bridge, call } from './bridge';

/**
 * Subscribes to events first, then asks for the snapshot: main answers in order, so events that
 * arrive before the snapshot are already part of it and the snapshot may overwrite them.
 * Returns the unsubscribe function.
 */
export function start(): () => void {
  const unsubscribe = bridge().onEvents(applyEvents);

  void call((parley) => parley.getSnapshot({})).then((result) => {
    if (result.ok) {
      applySnapshot(result.value);
      return;
    }

    useStore.setState({ booted: true, lastError: result.error });
  });

  return unsubscribe;
}
