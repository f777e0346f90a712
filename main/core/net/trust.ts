import https from 'node:https';
import tls from 'node:tls';

/**
 * What Parley trusts on the network: Node's bundled system roots plus any extra CA certificates
 * from options (an organisation's private CA), TLS 1.2 or newer, and full certificate
 * verification always on. One agent carries both REST and socket.io so they share that policy.
 */
export interface Trust {
  agent: https.Agent;
  /** The same CA list the agent uses, for transports that take it separately. */
  ca: string[];
}

export const MIN_TLS_VERSION = 'TLSv1.2';

export function createTrust(extraCaPem: readonly string[] = []): Trust {
  // Passing `ca` replaces Node's defaults, so the system roots are listed explicitly.
  const ca = [...tls.rootCertificates, ...extraCaPem];
  const agent = new https.Agent({ ca, minVersion: MIN_TLS_VERSION, keepAlive: true });
  return { agent, ca };
}

/** Parses a server address, refusing anything but https (no plaintext credentials, ever). */
export function httpsUrl(serverUrl: string, path = '/'): URL | null {
  if (!URL.canParse(serverUrl)) return null;
  const base = new URL(serverUrl);
  if (base.protocol !== 'https:') return null;
  return new URL(path, base);
}
