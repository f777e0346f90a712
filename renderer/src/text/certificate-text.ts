import type { CertificateProblem } from '../../../common/result';
import { assertNever } from '../../../common/result';
import { fullTime } from './time';

/** Why the certificate was refused, in a sentence a user can act on or pass on. */
export function certificateWhy(problem: CertificateProblem, host: string): string {
  switch (problem.reason) {
    case 'expired':
      return `The server's certificate expired on ${readableDate(problem.validTo)}.`;
    case 'not_yet_valid':
      return "The server's certificate is not valid yet. If this computer's date and time are wrong, correct them and try again.";
    case 'wrong_host':
      return `The certificate was issued for a different server, not for ${host}.`;
    case 'unknown_issuer':
      return 'The certificate was issued by an authority this computer does not trust.';
    case 'pin_mismatch':
      return 'The certificate is not the one your organisation expects for this server: it does not match the pinned key.';
    case 'other':
      return 'The certificate could not be verified.';
    default:
      return assertNever(problem.reason);
  }
}

/** A few words for the message to IT. */
export function certificateShort(problem: CertificateProblem): string {
  switch (problem.reason) {
    case 'expired':
      return 'the certificate has expired';
    case 'not_yet_valid':
      return 'the certificate is not valid yet';
    case 'wrong_host':
      return 'the certificate is for a different host name';
    case 'unknown_issuer':
      return 'the certificate was issued by an unknown authority';
    case 'pin_mismatch':
      return 'the certificate does not match the pinned key';
    case 'other':
      return 'the certificate could not be verified';
    default:
      return assertNever(problem.reason);
  }
}

export function readableDate(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : fullTime(ms);
}
