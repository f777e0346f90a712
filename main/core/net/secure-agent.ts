import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls, { type DetailedPeerCertificate, type PeerCertificate } from 'node:tls';

import { checkPins, originOf, pinsForHost } from './pins';
import { openTunnel, proxyFor, type ProxyEnv } from './proxy';

export const MIN_TLS_VERSION = 'TLSv1.2';

export interface SecureAgentPolicy {
  /** System roots plus the organisation's extra CAs: the complete trust list. */
  ca: string[];
  pins: Map<string, Set<string>>;
  proxyEnv: ProxyEnv;
  tunnelTimeoutMs: number;
  /** Every failed TLS connection, with the certificate seen during the handshake if any. */
  onTlsError(origin: string, error: Error, peer: PeerCertificate | null): void;
}

type Callback = (err: Error | null, stream: Duplex) => void;

function bareHost(host: string): string {
  return host.replace(/^\[|\]$/g, '');
}

/**
 * The one https.Agent for every connection the core makes (REST, socket.io on any transport).
 * Verification is Node's, always on; on top, `checkServerIdentity` requires a pinned key in the
 * verified chain for pinned origins. The agent's options win over whatever a library passes per
 * request, and `createConnection` applies them once more, so no caller can loosen them.
 * HTTPS_PROXY is honoured through a CONNECT tunnel with TLS still ending at the chat server.
 */
export class SecureAgent extends https.Agent {
  constructor(private readonly policy: SecureAgentPolicy) {
    super({
      ...tlsPolicy(policy, null),
      keepAlive: true,
      // A resumed session skips checkServerIdentity; a full handshake every time keeps pins checked.
      maxCachedSessions: 0,
    });
  }

  override createConnection(options: https.RequestOptions, callback?: Callback): Duplex | null {
    const host = bareHost(String(options.host ?? options.hostname ?? 'localhost'));
    const port = Number(options.port ?? 443);
    const origin = originOf(host, port);
    const secured = { ...options, ...tlsPolicy(this.policy, origin) };

    let proxy: URL | null;
    try {
      proxy = proxyFor(this.policy.proxyEnv, host, port);
    } catch (error) {
      queueMicrotask(() => callback?.(error as Error, undefined as unknown as Duplex));
      return null;
    }
    if (!proxy) return this.watch(origin, super.createConnection(secured) as tls.TLSSocket);

    openTunnel(proxy, host, port, this.policy.tunnelTimeoutMs).then(
      (tunnel) => {
        const socket = super.createConnection({ ...secured, socket: tunnel } as https.RequestOptions); // prettier-ignore
        callback?.(null, this.watch(origin, socket as tls.TLSSocket));
      },
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return null;
  }

  /** Keeps the handshake's certificate so a refusal can say what was refused. */
  private watch(origin: string, socket: tls.TLSSocket): tls.TLSSocket {
    let peer: PeerCertificate | null = null;

    // Runs before Node's own 'secure' handler, which destroys the socket on a failed check.
    socket.prependListener('secure', () => {
      peer = socket.getPeerCertificate(true);
    });
    socket.prependListener('error', (error: Error) => this.policy.onTlsError(origin, error, peer));
    return socket;
  }
}

/** The TLS options every connection gets; `origin` null checks pins by host name alone. */
function tlsPolicy(policy: SecureAgentPolicy, origin: string | null): https.AgentOptions {
  return {
    ca: policy.ca,
    minVersion: MIN_TLS_VERSION,
    rejectUnauthorized: true,
    checkServerIdentity(hostname: string, cert: PeerCertificate) {
      const identity = tls.checkServerIdentity(hostname, cert);
      if (identity) return identity;

      const detailed = cert as DetailedPeerCertificate;
      if (origin) return checkPins(policy.pins, origin, detailed) ?? undefined;
      // Without the port (a caller that bypassed createConnection): every pin set on this host.
      const pins = pinsForHost(policy.pins, bareHost(hostname));
      if (!pins) return undefined;
      return checkPins(new Map([[hostname, pins]]), hostname, detailed) ?? undefined;
    },
  };
}
