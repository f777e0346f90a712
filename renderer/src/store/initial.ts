import { FALLBACK_POLICY, NO_UPDATE } from './policy-defaults';
import type { HistoryState, Store } from './types';

type Data<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };

export type StoreData = Data<Store>;

/** The per-account part: dropped when the session ends or changes hands. */
export function accountData() {
  return {
    loginPending: false,
    loginError: null,
    channels: [],
    currentChannelId: null,
    unread: {},
    users: {},
    online: {},
    typing: {},
    messages: {},
    history: {},
    pending: {},
    outbox: [],
    notificationModes: {},
    scrollTarget: null,
    highlightedMessageId: null,
    settingsOpen: false,
    drafts: {},
    editingMessageId: null,
    deletingMessageId: null,
    lastError: null,
  } satisfies Partial<StoreData>;
}

/** Everything the store holds apart from its actions: what a reset returns to. */
export function initialData(): StoreData {
  return {
    ...accountData(),
    booted: false,
    session: null,
    sessionEndReason: null,
    defaultServerUrl: null,
    connection: 'offline',
    policy: FALLBACK_POLICY,
    update: NO_UPDATE,
    notices: [],
  };
}

export const EMPTY_HISTORY: HistoryState = {
  loaded: false,
  loading: false,
  hasMore: true,
  error: null,
};
