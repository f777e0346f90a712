import type { Result } from '../../../common/result';
import { EMPTY_HISTORY } from '../store/initial';
import { useStore } from '../store/store';
import { call } from './bridge';

/**
 * Shows the message at once as pending, then hands it to main, which sends it now or keeps it
 * in its outbox until the connection allows (offline sends are fine). The local row stays until
 * main's `outbox` event lists the message or the message itself arrives, so it never flickers.
 */
export async function sendMessage(channelId: string, body: string): Promise<void> {
  const clientId = crypto.randomUUID();

  useStore.getState().addPending({
    clientId,
    channelId,
    body,
    createdAt: Date.now(),
    status: 'sending',
    error: null,
  });

  await deliver(clientId);
}

/** Sends again under the same clientId a message whose send call failed, so it is stored once. */
export async function resendLocal(clientId: string): Promise<void> {
  await deliver(clientId);
}

async function deliver(clientId: string): Promise<void> {
  const store = useStore.getState();
  const send = store.pending[clientId];
  if (!send) return;

  store.setPendingStatus(clientId, 'sending', null);

  const { channelId, body } = send;
  const result = await call((parley) => parley.sendMessage({ channelId, clientId, body }));

  if (!result.ok) {
    useStore.getState().setPendingStatus(clientId, 'failed', result.error);
    return;
  }

  // `queued`: main's outbox event shows it from now on (and may already have).
  if (result.value.state === 'sent') useStore.getState().upsertMessage(result.value.message);
}

/** The newest page, when the channel's history has not been loaded yet. */
export async function loadLatest(channelId: string): Promise<void> {
  const history = useStore.getState().history[channelId] ?? EMPTY_HISTORY;
  if (history.loaded || history.loading) return;

  await loadPage(channelId, undefined);
}

/** The page before the oldest message we hold. */
export async function loadOlder(channelId: string): Promise<void> {
  const state = useStore.getState();
  const history = state.history[channelId] ?? EMPTY_HISTORY;
  const oldest = state.messages[channelId]?.[0];
  if (!history.loaded || history.loading || !history.hasMore || !oldest) return;

  await loadPage(channelId, oldest.seq);
}

/** The page of messages below `beforeSeq`, to show a message far back in the channel. */
export async function loadBefore(channelId: string, beforeSeq: number): Promise<void> {
  await loadPage(channelId, beforeSeq);
}

async function loadPage(channelId: string, beforeSeq: number | undefined): Promise<void> {
  useStore.getState().setHistory(channelId, { loading: true, error: null });

  const input = beforeSeq === undefined ? { channelId } : { channelId, beforeSeq };
  const result = await call((parley) => parley.loadMessages(input));

  if (result.ok) {
    useStore.getState().addHistoryPage(channelId, result.value.messages, result.value.hasMore);
  } else {
    useStore.getState().setHistory(channelId, { loading: false, error: result.error });
  }
}

export async function saveEdit(messageId: string, body: string): Promise<Result<null>> {
  const result = await call((parley) => parley.editMessage({ messageId, body }));
  if (!result.ok) return result;

  const store = useStore.getState();
  store.upsertMessage(result.value);
  store.startEditing(null);
  return { ok: true, value: null };
}

export async function deleteMessage(messageId: string): Promise<void> {
  const result = await call((parley) => parley.deleteMessage({ messageId }));
  const store = useStore.getState();
  store.askDelete(null);

  if (result.ok) {
    store.upsertMessage(result.value);
  } else {
    store.reportError(result.error);
  }
}
