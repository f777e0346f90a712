import type { StateCreator } from 'zustand';

import type { SessionSlice, Store } from '../types';

export const createSessionSlice: StateCreator<Store, [], [], SessionSlice> = (set) => ({
  booted: false,
  session: null,
  sessionEndReason: null,
  defaultServerUrl: null,
  loginPending: false,
  loginError: null,
  setLoginPending: (loginPending) => set({ loginPending }),
  setLoginError: (loginError) => set({ loginError, sessionEndReason: null }),
});
