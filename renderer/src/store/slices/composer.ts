import type { StateCreator } from 'zustand';

import type { ComposerSlice, Store } from '../types';

export const createComposerSlice: StateCreator<Store, [], [], ComposerSlice> = (set) => ({
  drafts: {},
  editingMessageId: null,
  deletingMessageId: null,
  setDraft: (channelId, text) =>
    set((state) => ({ drafts: { ...state.drafts, [channelId]: text } })),
  startEditing: (editingMessageId) => set({ editingMessageId }),
  askDelete: (deletingMessageId) => set({ deletingMessageId }),
});
