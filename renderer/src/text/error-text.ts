import { assertNever, type AppError } from '../../../common/result';
import { retryTime } from './time';

/** Plain words for every error code the bridge can return. */
export function describeError(error: AppError): string {
  switch (error.code) {
    case 'invalid_input':
      return `Check what you entered: ${error.message}`;
    case 'bad_credentials':
      return 'Wrong username or password.';
    case 'unauthorized':
      return 'You are not signed in any more. Log in again.';
    case 'forbidden':
      return "You don't have permission to do that.";
    case 'not_found':
      return "That doesn't exist any more.";
    case 'too_large':
      return 'That is too long to send.';
    case 'rate_limited':
      return error.retryAt === undefined
        ? 'Too many attempts. Wait a moment and try again.'
        : `Too many attempts. Try again at ${retryTime(error.retryAt)}.`;
    case 'session_revoked':
      return 'Your session was ended by an administrator. Log in again.';
    case 'session_expired':
      return 'Your session has expired. Log in again.';
    case 'mfa_required':
      return 'Enter the code from your authenticator app to finish logging in.';
    case 'account_locked':
      return error.retryAt === undefined
        ? 'This account is locked after too many failed attempts. Try again later.'
        : `Too many failed attempts. Try again at ${retryTime(error.retryAt)}.`;
    case 'password_policy':
      return `The server did not accept the new password: ${error.message}`;
    case 'protocol_mismatch':
      return "This server runs a version of Parley this app can't talk to. Update the app or ask your administrator.";
    case 'not_connected':
      return "You're not connected to the server right now. Try again when you're back online.";
    case 'network':
      return "Can't reach the server. Check the address and your connection.";
    case 'timeout':
      return 'The server took too long to answer. Try again.';
    case 'tls':
      return `The secure connection was refused: ${error.message}`;
    case 'certificate_refused':
      return "Parley refused the server's certificate and did not connect. Tell your IT team.";
    case 'policy_denied':
      return `Your organisation's policy does not allow this: ${error.message}`;
    case 'keychain_unavailable':
      return `The system keychain is not available: ${error.message}`;
    case 'server_error':
      return 'The server ran into a problem. Try again later.';
    case 'internal':
      return 'Something went wrong in Parley. Try again.';
    default:
      return assertNever(error.code);
  }
}
