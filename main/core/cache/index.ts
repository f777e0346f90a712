export { accountCachePaths } from './account-files';
export {
  CacheOpenError,
  CacheOperationError,
  isCorruptionError,
  sqliteCodeOf,
  type CacheFailure,
} from './errors';
export { CACHE_KEY_BYTES } from './key';
export {
  MessageCache,
  openCacheDatabase,
  type CacheApi,
  type OpenCacheOptions,
  type Outbox,
} from './message-cache';
export {
  openAccountCache,
  replaceDamagedCache,
  type CacheRecovery,
  type OpenAccountCacheOptions,
  type OpenAccountCacheResult,
} from './open-account-cache';
export type * from './types';
