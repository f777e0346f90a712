import { PROTOCOL_VERSION } from '../common/protocol';

/** The protocol versions this server speaks. */
export const MIN_PROTOCOL_VERSION = 1;
export const MAX_PROTOCOL_VERSION = PROTOCOL_VERSION;

export function supportsProtocol(version: number): boolean {
  return version >= MIN_PROTOCOL_VERSION && version <= MAX_PROTOCOL_VERSION;
}

/**
 * Null when the server speaks `version`; otherwise the plain message for `protocol_mismatch`.
 * A version that is not a whole number is never echoed back: it came from the client and may
 * be anything.
 */
export function protocolVersionProblem(version: unknown): string | null {
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return 'The app did not send a protocol version this server understands. Update the app.';
  }
  if (supportsProtocol(version)) return null;

  return (
    `This server speaks protocol versions ${MIN_PROTOCOL_VERSION} to ${MAX_PROTOCOL_VERSION}, ` +
    `but the app asked for ${version}. Update the app or the server.`
  );
}
