import type { AppError, ErrorCode } from '../common/result';

/** A failure the caller may see: its code and plain message cross the wire unchanged. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** Anything else becomes a generic server error; internals stay in the server log. */
export function toAppError(error: unknown): AppError {
  if (error instanceof ServiceError) return { code: error.code, message: error.message };

  return { code: 'server_error', message: 'The server could not complete the request.' };
}
