import { LoginResponseSchema } from '../../../common/protocol';

const TokenSchema = LoginResponseSchema.shape.token;

/** Printable ASCII only: the token goes into an Authorization header and a handshake. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** A session token as the server issues it (32 to 256 printable ASCII characters). */
export function isWellFormedToken(value: unknown): value is string {
  return TokenSchema.safeParse(value).success && HEADER_SAFE.test(value as string);
}

/** Refuses to store something that is not a session token; the message never quotes it. */
export function assertWellFormedToken(value: unknown): asserts value is string {
  if (!isWellFormedToken(value)) {
    throw new TypeError('Refusing to store a session token that is not well formed.');
  }
}
