import type { StateCreator } from 'zustand';

import type { ChannelsSlice, Store } from '../types';

export const createChannelsSlice: StateCreator<Store, [], [], ChannelsSlice> = (set) => ({
  channels: [],
  currentChannelId: null,
  unread: {},
  selectChannel: (channelId) =>
    set((state) => ({
      currentChannelId: channelId,
      unread: { ...state.unread, [channelId]: 0 },
      editingMessageId: null,
      deletingMessageId: null,
    })),
});
