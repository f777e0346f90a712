export {
  accountName,
  KEYCHAIN_SERVICE,
  parseAccountName,
  serverOrigin,
  type ServerAccount,
} from './account-names';
export { DEFAULT_KEYCHAIN_TIMEOUT_MS, type KeychainBackend } from './bounded-keychain';
export { CACHE_KEY_BYTES, generateCacheKey } from './cache-key';
export { CredentialStore, type CredentialStoreOptions } from './credential-store';
export {
  CredentialCorruptError,
  KeychainUnavailableError,
  type CredentialKind,
  type KeychainFailureReason,
  type KeychainOperation,
} from './errors';
export { createKeytarBackend } from './keytar-backend';
export type { CredentialLogger } from './logger';
export {
  SessionTokenHolder,
  type HoldOutcome,
  type SessionTokenHolderOptions,
} from './session-token-holder';
