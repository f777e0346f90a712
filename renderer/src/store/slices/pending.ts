import type { StateCreator } from 'zustand';

import { without } from '../records';
import type { PendingSlice, Store } from '../types';

export const createPendingSlice: StateCreator<Store, [], [], PendingSlice> = (set) => ({
  pending: {},

  addPending: (send) => set((state) => ({ pending: { ...state.pending, [send.clientId]: send } })),

  setPendingStatus: (clientId, status, error) =>
    set((state) => {
      const send = state.pending[clientId];
      if (!send) return {};

      return { pending: { ...state.pending, [clientId]: { ...send, status, error } } };
    }),
  removePending: (clientId) => set((state) => ({ pending: without(state.pending, clientId) })),
});
