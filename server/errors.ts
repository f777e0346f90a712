import type { AppError, ErrorCode } from '../common/result';

/** A failure the caller may see: its code and plain message cross the wire unchanged. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Epoch ms when trying again makes sense (lockout, rate limit). */
    readonly retryAt?: number,
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
    return appError;
  }

  return { code: 'server_error', message: 'The server could not complete the request.' };
}
