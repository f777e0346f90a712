import type { AppError } from '../../../common/result';
import { describeError } from './error-text';
import { retryTime } from './time';

export type LoginStep = 'password' | 'mfa';

/** The log-in form's words for an error: sharper than the general ones where it can be. */
export function loginErrorText(error: AppError, step: LoginStep): string {
  switch (error.code) {
    case 'account_locked':
    case 'rate_limited':
      return error.retryAt === undefined
        ? describeError(error)
        : `Too many failed attempts. Try again at ${retryTime(error.retryAt)}.`;
    case 'password_policy':
      // The server's own rule, as worded.
      return error.message;
    case 'bad_credentials':
      return step === 'mfa'
        ? "That code didn't work. Check your authenticator app and try again."
        : describeError(error);
    default:
      return describeError(error);
  }
}
