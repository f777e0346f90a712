import { create } from 'zustand';

import { initialData } from './initial';
import { createChannelsSlice } from './slices/channels';
import { createComposerSlice } from './slices/composer';
import { createConnectionSlice } from './slices/connection';
import { createErrorsSlice } from './slices/errors';
import { createMessagesSlice } from './slices/messages';
import { createNoticesSlice } from './slices/notices';
import { createOutboxSlice } from './slices/outbox';
import { createPendingSlice } from './slices/pending';
import { createSessionSlice } from './slices/session';
import { createSettingsSlice } from './slices/settings';
import { createUsersSlice } from './slices/users';
import { createViewSlice } from './slices/view';
import type { Store } from './types';

/** The renderer's one store. Components select the single field they need. */
export const useStore = create<Store>()((...a) => ({
  ...createSessionSlice(...a),
  ...createConnectionSlice(...a),
  ...createChannelsSlice(...a),
  ...createUsersSlice(...a),
  ...createMessagesSlice(...a),
  ...createPendingSlice(...a),
  ...createOutboxSlice(...a),
  ...createSettingsSlice(...a),
  ...createNoticesSlice(...a),
  ...createViewSlice(...a),
  ...createComposerSlice(...a),
  ...createErrorsSlice(...a),
}));

/** Back to a fresh start, actions kept. For tests. */
export function resetStore(): void {
  useStore.setState(initialData());
}
