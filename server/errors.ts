import type { AppError, ErrorCode, RevocationCause } from '../common/result';

/** A failure the caller may see: its code and plain message cross the wire unchanged. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Epoch ms when trying again makes sense (lockout, rate limit). */
    readonly retryAt?: number,
    /** With `session_revoked`. */
    readonly revocationCause?: RevocationCause,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** Anything else becomes a generic server error; internals stay in the server log. */
export function toAppError(error: unknown): AppError {
  if (error instanceof ServiceError) {
    const appError: AppError = { code: error.code, message: error.message };
    if (error.retryAt !== undefined) appError.retryAt = error.retryAt;
    if (error.revocationCause !== undefined) appError.cause = error.revocationCause;
    return appError;
  }

  return { code: 'server_error', message: 'The server could not complete the request.' };
}
