import { PROTOCOL_VERSION } from '../common/protocol';

/** The protocol versions this server speaks. */
export const MIN_PROTOCOL_VERSION = 1;
export const MAX_PROTOCOL_VERSION = PROTOCOL_VERSION;

export function supportsProtocol(version: number): boolean {
  return version >= MIN_PROTOCOL_VERSION && version <= MAX_PROTOCOL_VERSION;
}

export function protocolMismatchMessage(version: unknown): string {
  return (
    `This server speaks protocol versions ${MIN_PROTOCOL_VERSION} to ${MAX_PROTOCOL_VERSION}, ` +
    `but the app asked for ${String(version)}. Update the app or the server.`
  );
}
