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
  'protocol_mismatch',
  'not_connected',
  'network',
  'timeout',
  'tls',
  'keychain_unavailable',
  'server_error',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
