import { X509Certificate, createHash } from 'node:crypto';
import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';

import type { CertificateProblem } from '../../../common/result';

/** Node/OpenSSL error codes that mean "this certificate is not acceptable", by reason. */
const REASONS: Record<string, CertificateProblem['reason']> = {
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not_yet_valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'wrong_host',
  HOSTNAME_MISMATCH: 'wrong_host',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown_issuer',
  UNABLE_TO_GET_ISSUER_CERT: 'unknown_issuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown_issuer',
  SELF_SIGNED_CERT_IN_CHAIN: 'unknown_issuer',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'unknown_issuer',
  CERT_UNTRUSTED: 'unknown_issuer',
  CERT_CHAIN_TOO_LONG: 'unknown_issuer',
  INVALID_CA: 'unknown_issuer',
  CERT_REVOKED: 'other',
  CERT_SIGNATURE_FAILURE: 'other',
  CERT_REJECTED: 'other',
  INVALID_PURPOSE: 'other',
};

/** Our own code for a verified chain that holds none of the origin's pinned keys. */
export const PIN_MISMATCH_CODE = 'ERR_PARLEY_CERT_PIN_MISMATCH';
REASONS[PIN_MISMATCH_CODE] = 'pin_mismatch';

/** The plain words shown to the user after "Parley refused the server's certificate because". */
export const REASON_WORDS: Record<CertificateProblem['reason'], string> = {
  expired: 'it has expired',
  not_yet_valid: 'it is not valid yet (check this computer\u2019s clock)',
  wrong_host: 'it was issued for a different server name',
  unknown_issuer: 'it was issued by an authority this computer does not trust',
  pin_mismatch: 'its key does not match the certificate pin your organisation set for this server',
  other: 'it is not valid',
};

/** Server-supplied text is bounded before it reaches logs or the screen. */
const MAX_NAME = 256;

export function certificateReason(code: string | null): CertificateProblem['reason'] | null {
  return code ? (REASONS[code] ?? null) : null;
}

/** "CN=chat.example.org, O=Example" from Node's parsed name object. */
function formatName(name: Record<string, string | string[]> | undefined): string {
  if (!name) return '';
  const text = Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}\u2026` : text;
}

function isoDate(text: string): string {
  const time = Date.parse(text);
  return Number.isNaN(time) ? text.slice(0, 64) : new Date(time).toISOString();
}

/** What the user and the audit log are told about a refused certificate. */
export function describeCertificate(
  reason: CertificateProblem['reason'],
  cert: PeerCertificate | null | undefined,
): CertificateProblem {
  if (!cert?.raw) return { reason, subject: '', issuer: '', fingerprintSha256: '', validTo: '' };

  const parsed = new X509Certificate(cert.raw);
  return {
    reason,
    subject: formatName(cert.subject as unknown as Record<string, string | string[]>),
    issuer: formatName(cert.issuer as unknown as Record<string, string | string[]>),
    fingerprintSha256: parsed.fingerprint256,
    validTo: isoDate(parsed.validTo),
  };
}

/** SHA-256 of the certificate's SubjectPublicKeyInfo, base64 (the HPKP / policy pin format). */
export function spkiPin(cert: X509Certificate): string {
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/**
 * The chain from the leaf upwards, following only links whose signature verifies. Node's
 * `issuerCertificate` links certificates by name, so a server could append the (public) pinned CA
 * certificate to an unrelated chain; checking each signature keeps such a certificate out.
 */
export function verifiedChain(leaf: DetailedPeerCertificate): X509Certificate[] {
  const chain = [new X509Certificate(leaf.raw)];
  let node = leaf;

  while (chain.length < 10 && node.issuerCertificate && node.issuerCertificate !== node) {
    const parent = new X509Certificate(node.issuerCertificate.raw);
    const child = chain[chain.length - 1]!;
    if (parent.fingerprint256 === child.fingerprint256) break; // self-signed root
    if (!child.checkIssued(parent) || !child.verify(parent.publicKey)) break;
    chain.push(parent);
    node = node.issuerCertificate;
  }
  return chain;
}
