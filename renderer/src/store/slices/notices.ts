import type { StateCreator } from 'zustand';

import type { NoticesSlice, Store } from '../types';

export const createNoticesSlice: StateCreator<Store, [], [], NoticesSlice> = (set) => ({
  notices: [],
  dismissNotice: (id) =>
    set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
});
