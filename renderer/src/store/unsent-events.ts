import type { OutboxEntry } from '../../../common/bridge';
import type { StoreData } from './initial';
import { without } from './records';
import type { Notice } from './types';

/** Notices kept on screen at once; the oldest go first. */
const MAX_NOTICES = 4;

/**
 * Main's whole outbox replaces ours. A local pending row main now lists is dropped (main's copy
 * shows instead); one it does not list yet stays, so the row never flickers. An entry whose
 * message we already hold is stale: the message event beat this outbox event here.
 */
export function withOutbox(state: StoreData, entries: OutboxEntry[]): StoreData {
  let pending = state.pending;
  for (const entry of entries) pending = without(pending, entry.clientId);

  const delivered = (entry: OutboxEntry) =>
    (state.messages[entry.channelId] ?? []).some((held) => held.clientId === entry.clientId);

  return { ...state, pending, outbox: entries.filter((entry) => !delivered(entry)) };
}

/** The message with this clientId arrived: its unsent copy, local or main's, is gone. */
export function withoutUnsent(state: StoreData, clientId: string): StoreData {
  const inOutbox = state.outbox.some((entry) => entry.clientId === clientId);
  if (!inOutbox && !(clientId in state.pending)) return state;

  return {
    ...state,
    pending: without(state.pending, clientId),
    outbox: inOutbox ? state.outbox.filter((entry) => entry.clientId !== clientId) : state.outbox,
  };
}

export function withNotice(state: StoreData, level: Notice['level'], text: string): StoreData {
  if (state.notices.some((notice) => notice.text === text)) return state;

  const id = Math.max(0, ...state.notices.map((notice) => notice.id)) + 1;
  return { ...state, notices: [...state.notices, { id, level, text }].slice(-MAX_NOTICES) };
}
