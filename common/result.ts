/**
 * Tagged results cross every boundary (bridge, wire acks). The error codes are a closed set
 * so the renderer can switch on them exhaustively.
 */
export const ERROR_CODES = [
  'invalid_input',
  'bad_credentials',
  'unauthorized',
  'forbidden',
  'not_found',
  'too_large',
  'rate_limited',
  'session_revoked',
  'session_expired',
  'mfa_required',
  'account_locked',
  'password_policy',
  'protocol_mismatch',
  'not_connected',
  'network',
  'timeout',
  'tls',
  'certificate_refused',
  'keychain_unavailable',
  'policy_denied',
  'server_error',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Why a server's certificate was refused, shown to the user so they can tell IT. */
export interface CertificateProblem {
  reason: 'expired' | 'not_yet_valid' | 'wrong_host' | 'unknown_issuer' | 'pin_mismatch' | 'other';
  subject: string;
  issuer: string;
  /** SHA-256 of the certificate, colon-separated hex as browsers show it. */
  fingerprintSha256: string;
  validTo: string;
}

/** Why a session was revoked: the words the user sees differ. */
export const REVOCATION_CAUSES = ['administrator', 'password_changed'] as const;
export type RevocationCause = (typeof REVOCATION_CAUSES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** With `session_revoked`. */
  cause?: RevocationCause;
  /** Epoch ms when trying again makes sense (lockout, rate limit). */
  retryAt?: number;
  /** With `certificate_refused`. */
  certificate?: CertificateProblem;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(
  code: ErrorCode,
  message: string,
  extra: Pick<AppError, 'retryAt' | 'certificate' | 'cause'> = {},
): Result<T> {
  return { ok: false, error: { code, message, ...extra } };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
