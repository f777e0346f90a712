import type { StateCreator } from 'zustand';

import type { OutboxSlice, Store } from '../types';

export const createOutboxSlice: StateCreator<Store, [], [], OutboxSlice> = (set) => ({
  outbox: [],
  setOutboxEntry: (clientId, patch) =>
    set((state) => ({
      outbox: state.outbox.map((entry) =>
        entry.clientId === clientId ? { ...entry, ...patch } : entry,
      ),
    })),
  dropOutboxEntry: (clientId) =>
    set((state) => ({ outbox: state.outbox.filter((entry) => entry.clientId !== clientId) })),
});
