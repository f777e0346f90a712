import { createTransport, type Transport, type TransportOptions } from './transport';

export { MIN_TLS_VERSION } from './secure-agent';
export { createTransport, type Transport, type TransportOptions } from './transport';

/**
 * What Parley trusts on the network: the system roots plus an organisation's extra CAs, optional
 * key pins, TLS 1.2 or newer, verification always on. One agent carries REST and socket.io so
 * both follow that policy. Kept as a name for the callers that predate `createTransport`.
 */
export type Trust = Transport;

/** The transport with extra CAs only (no pins, no proxy). */
export function createTrust(
  extraCaPem: readonly string[] = [],
  options: Omit<TransportOptions, 'extraCaPem'> = {},
): Trust {
  return createTransport({ ...options, extraCaPem });
}

/** Parses a server address, refusing anything but https (no plaintext credentials, ever). */
export function httpsUrl(serverUrl: string, path = '/'): URL | null {
  if (!URL.canParse(serverUrl)) return null;
  const base = new URL(serverUrl);
  if (base.protocol !== 'https:') return null;
  return new URL(path, base);
}
