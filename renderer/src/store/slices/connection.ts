import type { StateCreator } from 'zustand';

import type { ConnectionSlice, Store } from '../types';

export const createConnectionSlice: StateCreator<Store, [], [], ConnectionSlice> = () => ({
  connection: 'offline',
});
