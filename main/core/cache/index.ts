export { accountCachePaths } from './account-files';
export { CacheOpenError, isCorruptionError, type CacheFailure } from './errors';
export { CACHE_KEY_BYTES } from './key';
export {
  MessageCache,
  openCacheDatabase,
  type OpenCacheOptions,
  type Outbox,
} from './message-cache';
export {
  openAccountCache,
  type CacheRecovery,
  type OpenAccountCacheOptions,
  type OpenAccountCacheResult,
} from './open-account-cache';
export type * from './types';
