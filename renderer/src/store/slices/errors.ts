import type { StateCreator } from 'zustand';

import type { ErrorsSlice, Store } from '../types';

export const createErrorsSlice: StateCreator<Store, [], [], ErrorsSlice> = (set) => ({
  lastError: null,
  reportError: (lastError) => set({ lastError }),
});
