import type { StateCreator } from 'zustand';

import type { Store, UsersSlice } from '../types';

export const createUsersSlice: StateCreator<Store, [], [], UsersSlice> = () => ({
  users: {},
  online: {},
  typing: {},
});
