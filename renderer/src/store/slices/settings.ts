import type { StateCreator } from 'zustand';

import { FALLBACK_POLICY, NO_UPDATE } from '../policy-defaults';
import type { SettingsSlice, Store } from '../types';

export const createSettingsSlice: StateCreator<Store, [], [], SettingsSlice> = (set) => ({
  policy: FALLBACK_POLICY,
  update: NO_UPDATE,
  notificationModes: {},
  settingsOpen: false,
  setNotificationMode: (channelId, mode) =>
    set((state) => ({ notificationModes: { ...state.notificationModes, [channelId]: mode } })),
  openSettings: (settingsOpen) => set({ settingsOpen }),
});
