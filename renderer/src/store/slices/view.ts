import type { StateCreator } from 'zustand';

import type { Store, ViewSlice } from '../types';

export const createViewSlice: StateCreator<Store, [], [], ViewSlice> = (set) => ({
  scrollTarget: null,
  highlightedMessageId: null,
  setScrollTarget: (scrollTarget) => set({ scrollTarget }),
  setHighlightedMessage: (highlightedMessageId) => set({ highlightedMessageId }),
});
