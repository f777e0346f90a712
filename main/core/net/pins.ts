import { isIP } from 'node:net';
import type { DetailedPeerCertificate } from 'node:tls';

import { PIN_MISMATCH_CODE, spkiPin, verifiedChain } from './certificate';

/** Origin (`https://host[:port]`, as `URL.origin` writes it) to its accepted SPKI SHA-256 pins. */
export type CertificatePins = Readonly<Record<string, readonly string[]>>;

/** The https origin a TLS connection to `host:port` belongs to, in `URL.origin` form. */
export function originOf(host: string, port: number | string | null | undefined): string {
  const name = isIP(host) === 6 ? `[${host}]` : host;
  return new URL(`https://${name}:${port ?? 443}`).origin;
}

/** Pins keyed by normalised origin; a malformed origin is an error, never silently dropped. */
export function normalisePins(pins: CertificatePins = {}): Map<string, Set<string>> {
  const byOrigin = new Map<string, Set<string>>();

  for (const [origin, list] of Object.entries(pins)) {
    const url = URL.canParse(origin) ? new URL(origin) : null;
    if (url?.protocol !== 'https:') throw new Error(`Certificate pins need an https origin: ${origin}`); // prettier-ignore
    if (list.length === 0) throw new Error(`Certificate pins for ${url.origin} are empty`);
    const set = byOrigin.get(url.origin) ?? new Set<string>();
    for (const pin of list) set.add(pin.replace(/^sha256\//, ''));
    byOrigin.set(url.origin, set);
  }
  return byOrigin;
}

export class PinMismatchError extends Error {
  override name = 'PinMismatchError';
  readonly code = PIN_MISMATCH_CODE;

  constructor(
    readonly origin: string,
    readonly cert: DetailedPeerCertificate,
  ) {
    super(`The certificate chain of ${origin} holds none of the keys pinned for it`);
  }
}

/**
 * Null when `origin` has no pins or some certificate in its verified chain has a pinned key;
 * otherwise the error that refuses the connection.
 */
export function checkPins(
  pins: Map<string, Set<string>>,
  origin: string,
  cert: DetailedPeerCertificate,
): PinMismatchError | null {
  const accepted = pins.get(origin);
  if (!accepted) return null;

  const found = verifiedChain(cert).some((link) => accepted.has(spkiPin(link)));
  return found ? null : new PinMismatchError(origin, cert);
}

/** The pins of every origin on `hostname`, for a check that does not know the port. */
export function pinsForHost(pins: Map<string, Set<string>>, hostname: string): Set<string> | null {
  let union: Set<string> | null = null;

  for (const [origin, set] of pins) {
    if (new URL(origin).hostname.replace(/^\[|\]$/g, '') !== hostname) continue;
    union ??= new Set<string>();
    for (const pin of set) union.add(pin);
  }
  return union;
}
