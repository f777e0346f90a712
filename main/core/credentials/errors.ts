/** Why the OS keychain could not be used. Only 'locked' and 'denied' depend on the OS saying so. */
export type KeychainFailureReason = 'timeout' | 'unavailable' | 'locked' | 'denied';

export type KeychainOperation = 'read' | 'write' | 'delete';

const USER_MESSAGES: Record<KeychainFailureReason, string> = {
  timeout:
    'The system keychain did not answer in time. If it is locked, unlock it and try again; ' +
    'until then Parley cannot save or read your login on this computer.',
  unavailable:
    'Parley could not reach the system keychain, so it cannot save or read your login on this ' +
    'computer. Check that a keychain (Secret Service) is installed and running.',
  locked: 'The system keychain is locked. Unlock it and try again.',
  denied: 'The system keychain refused access to Parley. Allow access and try again.',
};

/**
 * The keychain could not be used. `message` is plain and safe to show the user; the OS error,
 * when there is one, stays in `cause` and is never logged, because its text is not ours.
 */
export class KeychainUnavailableError extends Error {
  override name = 'KeychainUnavailableError';

  constructor(
    readonly reason: KeychainFailureReason,
    readonly operation: KeychainOperation,
    options: { cause?: unknown } = {},
  ) {
    super(USER_MESSAGES[reason], options);
  }
}

export type CredentialKind = 'session-token' | 'cache-key';

/** What the keychain returned is not a well-formed credential; it is never used. */
export class CredentialCorruptError extends Error {
  override name = 'CredentialCorruptError';

  constructor(readonly kind: CredentialKind) {
    super(
      kind === 'cache-key'
        ? 'The encryption key saved in the system keychain for this account is damaged, so ' +
            'Parley will not use it. The local message cache will be rebuilt from the server.'
        : 'The login saved in the system keychain for this account is damaged. Please log in again.',
    );
  }
}

const LOCKED = /locked|unlock|interaction is not allowed|-25308/i;
const DENIED = /denied|cancel|not authori[sz]ed|not permitted|-128\b|-25293/i;

/** Sorts a backend failure into a reason, from the OS message where it says enough. */
export function classifyKeychainFailure(error: unknown): 'unavailable' | 'locked' | 'denied' {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (LOCKED.test(text)) return 'locked';
  if (DENIED.test(text)) return 'denied';
  return 'unavailable';
}
