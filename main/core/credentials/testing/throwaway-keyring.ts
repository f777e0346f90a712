import os from 'node:os';
import path from 'node:path';

/**
 * Keychain tests write real secrets through the Secret Service, so they refuse to run unless
 * scripts/with-keyring.sh set up a throwaway HOME and a private D-Bus session for them.
 * Run them with `npm run test:keychain`, never against a user's own keyring.
 */
export function assertThrowawayKeyring(): string {
  const home = os.homedir();
  const inWrapper =
    path.basename(home).startsWith('parley-keyring.') &&
    process.env.XDG_RUNTIME_DIR === path.join(home, 'run') &&
    Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

  if (!inWrapper) {
    throw new Error(
      'Keychain tests run only inside scripts/with-keyring.sh (npm run test:keychain).',
    );
  }
  return home;
}
