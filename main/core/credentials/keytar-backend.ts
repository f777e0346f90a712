import type * as KeytarModule from 'keytar';

import type { KeychainBackend } from './bounded-keychain';

type Keytar = typeof KeytarModule;

/**
 * The real keychain through keytar, loaded on first use: a machine without libsecret then
 * gets a KeychainUnavailableError from the first call instead of a crash at start-up.
 */
export function createKeytarBackend(): KeychainBackend {
  let loading: Promise<Keytar> | null = null;
  const keytar = (): Promise<Keytar> =>
    (loading ??= import('keytar').then(
      (module: Keytar & { default?: Keytar }) => module.default ?? module,
    ));

  return {
    getPassword: async (service, account) => (await keytar()).getPassword(service, account),
    setPassword: async (service, account, password) =>
      (await keytar()).setPassword(service, account, password),
    deletePassword: async (service, account) => (await keytar()).deletePassword(service, account),
    findCredentials: async (service) => (await keytar()).findCredentials(service),
  };
}
