import type { ServerResponse } from 'node:http';

import type { AppError, ErrorCode } from '../../common/result';
import { retryAfterSeconds } from '../rate-limit';

/** Headers on every REST answer: JSON only, never cached, never framed or sniffed. */
const SECURITY_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.statusCode = status;
  res.end();
}

/** `{ error: { code, message, retryAt?, cause? } }`; with `retryAt`, a Retry-After header too. */
export function sendError(
  res: ServerResponse,
  error: AppError,
  now: number,
  status = statusOf(error.code),
): void {
  const body: AppError = { code: error.code, message: error.message };
  if (error.cause !== undefined) body.cause = error.cause;
  if (error.retryAt !== undefined) {
    body.retryAt = error.retryAt;
    res.setHeader('Retry-After', String(retryAfterSeconds(error.retryAt, now)));
  }
  sendJson(res, status, { error: body });
}

/** The HTTP status that goes with each error code a REST route can produce. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'invalid_input':
    case 'protocol_mismatch':
      return 400;
    case 'bad_credentials':
    case 'mfa_required':
    case 'unauthorized':
    case 'session_revoked':
    case 'session_expired':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'too_large':
      return 413;
    case 'password_policy':
      return 422;
    case 'account_locked':
      return 423;
    case 'rate_limited':
      return 429;
    default:
      return 500;
  }
}
