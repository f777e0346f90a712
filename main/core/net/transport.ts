import http from 'node:http';
import type https from 'node:https';
import { isIP } from 'node:net';
import tls, { type PeerCertificate } from 'node:tls';

import {
  err,
  ok,
  type AppError,
  type CertificateProblem,
  type Result,
} from '../../../common/result';
import { noAudit, type AuditLog } from '../audit/audit-log';
import { certificateReason, describeCertificate } from './certificate';
import { normalisePins, originOf, type CertificatePins } from './pins';
import type { ProxyEnv } from './proxy';
import { SecureAgent } from './secure-agent';
import { certificateRefused, classifyNetworkError, findErrorCode } from './tls-errors';

export interface TransportOptions {
  /** PEM CA certificates trusted on top of the system roots (policy `extraCaFiles`, read). */
  extraCaPem?: readonly string[];
  /** Policy `certificatePins`: origin to SPKI SHA-256 pins, one of which the chain must hold. */
  pins?: CertificatePins;
  /**
   * Where HTTPS_PROXY / NO_PROXY are read from. Defaults to none: the Electron shell passes
   * `process.env`, tests pass their own, so nothing picks up a proxy by accident.
   */
  proxyEnv?: ProxyEnv;
  /** Development only: allow http:// and ws:// to loopback addresses. Off unless set. */
  allowInsecureLoopback?: boolean;
  audit?: AuditLog;
  /** How long a proxy may take to open a tunnel. Default 15 s. */
  tunnelTimeoutMs?: number;
  /** Repeated identical refusals (a reconnect loop) are audited once per window. Default 10 min. */
  auditWindowMs?: number;
}

export interface CertificateRefusal {
  origin: string;
  errorCode: string;
  certificate: CertificateProblem;
  at: number;
}

/** Everything the core needs to talk to servers: one policy, one agent, one error vocabulary. */
export interface Transport {
  /**
   * For https:// and wss:// (REST, socket.io on every transport, the update feed).
   * TODO(net): socket.io's Node polling transport (xmlhttprequest-ssl) follows a 302/303/307
   * without this agent, so a redirect would skip the pins; the core keeps socket.io on WebSocket
   * only. Enabling polling needs redirects refused first (a patched XHR or a polling-fetch shim).
   */
  agent: https.Agent;
  /** The same CA list the agent uses, for libraries that also take it separately. */
  ca: string[];
  /** Accepts https/wss (and, with the development flag, loopback http/ws); `path` is resolved. */
  checkUrl(url: string, path?: string): Result<URL>;
  /** The agent for a URL that passed `checkUrl`. */
  agentFor(url: URL | string): http.Agent;
  /**
   * A closed-code error for a failed connection; certificate refusals carry the certificate.
   * With `url`, an error that lost its cause (socket.io polling reports only "xhr poll error")
   * is matched to a refusal of that origin seen in the last few seconds.
   */
  describeTlsError(error: unknown, url?: string): AppError;
  /** The latest certificate refusal for a URL's origin (socket.io polling drops the error). */
  lastRefusal(url: string): CertificateRefusal | null;
  destroy(): void;
}

/** How recent a refusal must be to explain an error that lost its cause. */
const RECENT_REFUSAL_MS = 5_000;

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  if (LOOPBACK_NAMES.has(hostname.toLowerCase())) return true;
  return isIP(hostname) === 4 && hostname.startsWith('127.');
}

export function createTransport(options: TransportOptions = {}): Transport {
  const audit = options.audit ?? noAudit;
  const auditWindowMs = options.auditWindowMs ?? 10 * 60_000;
  const ca = [...tls.rootCertificates, ...(options.extraCaPem ?? [])];
  const refusals = new Map<string, CertificateRefusal>();
  const audited = new Map<string, number>();

  function onTlsError(origin: string, error: Error, peer: PeerCertificate | null): void {
    const errorCode = findErrorCode(error);
    const reason = certificateReason(errorCode);
    if (!reason || !errorCode) return;

    const withCert = error as Error & { cert?: PeerCertificate; certificateProblem?: CertificateProblem }; // prettier-ignore
    const certificate = describeCertificate(reason, withCert.cert ?? peer);
    withCert.certificateProblem = certificate;
    refusals.set(origin, { origin, errorCode, certificate, at: Date.now() });

    const key = `${origin}|${reason}|${certificate.fingerprintSha256}`;
    const last = audited.get(key);
    if (last !== undefined && Date.now() - last < auditWindowMs) return;
    audited.set(key, Date.now());
    audit.record('certificate.refused', {
      origin,
      reason,
      errorCode,
      fingerprintSha256: certificate.fingerprintSha256,
      issuer: certificate.issuer,
      subject: certificate.subject,
      validTo: certificate.validTo,
    });
  }

  function lastRefusal(url: string): CertificateRefusal | null {
    if (!URL.canParse(url)) return null;
    const parsed = new URL(url);
    const secure = parsed.protocol === 'https:' || parsed.protocol === 'wss:';
    return secure ? (refusals.get(originOf(parsed.hostname, parsed.port || 443)) ?? null) : null;
  }

  const agent = new SecureAgent({
    ca,
    pins: normalisePins(options.pins),
    proxyEnv: options.proxyEnv ?? {},
    tunnelTimeoutMs: options.tunnelTimeoutMs ?? 15_000,
    onTlsError,
  });
  const loopbackAgent = new http.Agent({ keepAlive: true });

  function checkUrl(url: string, path = '/'): Result<URL> {
    const refusal = options.allowInsecureLoopback
      ? 'The server address must start with https:// (http:// only for this computer).'
      : 'The server address must start with https://.';
    if (!URL.canParse(url)) return err('invalid_input', refusal);

    const base = new URL(url);
    if (base.username || base.password) {
      return err('invalid_input', 'The server address must not contain a user name or password.');
    }
    const secure = base.protocol === 'https:' || base.protocol === 'wss:';
    const insecure = base.protocol === 'http:' || base.protocol === 'ws:';
    if (secure) return ok(new URL(path, base));
    if (insecure && options.allowInsecureLoopback && isLoopbackHost(base.hostname)) {
      return ok(new URL(path, base));
    }
    return err('invalid_input', refusal);
  }

  return {
    agent,
    ca,
    checkUrl,
    agentFor(url) {
      const checked = checkUrl(String(url));
      if (!checked.ok) throw new Error(checked.error.message);
      const protocol = checked.value.protocol;
      return protocol === 'https:' || protocol === 'wss:' ? agent : loopbackAgent;
    },
    describeTlsError(error, url) {
      const described = classifyNetworkError(error);
      if (described.code === 'certificate_refused' || !url || findErrorCode(error))
        return described;

      const recent = lastRefusal(url);
      if (!recent || Date.now() - recent.at > RECENT_REFUSAL_MS) return described;
      return certificateRefused(recent.certificate);
    },
    lastRefusal,
    destroy() {
      agent.destroy();
      loopbackAgent.destroy();
    },
  };
}
