import { useStore } from '../store/store';
import type { Unsent } from '../store/unsent';
import { call } from './bridge';
import { resendLocal } from './message-actions';

/** Retry a failed message: main's outbox sends it again; a local one is sent again from here. */
export async function retryUnsent(unsent: Unsent): Promise<void> {
  if (!unsent.inOutbox) return resendLocal(unsent.clientId);

  const { clientId } = unsent;
  const before = useStore.getState().outbox.find((entry) => entry.clientId === clientId);
  useStore.getState().setOutboxEntry(clientId, { state: 'pending', error: null });

  const result = await call((parley) => parley.retrySend({ clientId }));
  if (result.ok) return;

  if (before) useStore.getState().setOutboxEntry(clientId, before);
  useStore.getState().reportError(result.error);
}

/** Give up on a failed message for good. */
export async function discardUnsent(unsent: Unsent): Promise<void> {
  const { clientId } = unsent;
  if (!unsent.inOutbox) return useStore.getState().removePending(clientId);

  const result = await call((parley) => parley.discardUnsent({ clientId }));
  if (result.ok) {
    useStore.getState().dropOutboxEntry(clientId);
  } else {
    useStore.getState().reportError(result.error);
  }
}
