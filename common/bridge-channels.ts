/**
 * The `area:verb` IPC channel of each bridge operation. Kept free of schemas so that the
 * sandboxed preload can import it without pulling in a validation library.
 */
export const BRIDGE_CHANNELS = {
  login: 'session:login',
  logout: 'session:logout',
  getSnapshot: 'session:snapshot',
  getServerInfo: 'server:info',
  loadMessages: 'messages:page',
  sendMessage: 'messages:send',
  editMessage: 'messages:edit',
  deleteMessage: 'messages:delete',
  notifyTyping: 'typing:notify',
  reportActivity: 'activity:report',
  searchMessages: 'search:messages',
  retrySend: 'outbox:retry',
  discardUnsent: 'outbox:discard',
  rotateCacheKey: 'cache:rotate-key',
  setActiveChannel: 'view:set-active-channel',
  setChannelNotifications: 'notifications:set-channel',
  changePassword: 'session:change-password',
  installUpdate: 'updates:install',
} as const;

export type BridgeOperation = keyof typeof BRIDGE_CHANNELS;

export const BRIDGE_OPERATION_NAMES = Object.keys(BRIDGE_CHANNELS) as BridgeOperation[];

/** Main sends batches of BridgeEvent on this one channel. */
export const BRIDGE_EVENT_CHANNEL = 'parley:events';
