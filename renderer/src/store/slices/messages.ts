import type { StateCreator } from 'zustand';

import { EMPTY_HISTORY } from '../initial';
import { mergeMessages } from '../messages-list';
import { without } from '../records';
import type { MessagesSlice, Store } from '../types';

export const createMessagesSlice: StateCreator<Store, [], [], MessagesSlice> = (set) => ({
  messages: {},
  history: {},

  setHistory: (channelId, patch) =>
    set((state) => ({
      history: {
        ...state.history,
        [channelId]: { ...(state.history[channelId] ?? EMPTY_HISTORY), ...patch },
      },
    })),

  addHistoryPage: (channelId, page, hasMore) =>
    set((state) => ({
      messages: {
        ...state.messages,
        [channelId]: mergeMessages(state.messages[channelId] ?? [], page),
      },
      history: {
        ...state.history,
        [channelId]: { loaded: true, loading: false, hasMore, error: null },
      },
    })),

  /** An acknowledged send, edit or delete: store it and settle the unsent copy it answers. */
  upsertMessage: (message) =>
    set((state) => ({
      messages: {
        ...state.messages,
        [message.channelId]: mergeMessages(state.messages[message.channelId] ?? [], [message]),
      },
      pending: without(state.pending, message.clientId),
      outbox: state.outbox.filter((entry) => entry.clientId !== message.clientId),
    })),
});
