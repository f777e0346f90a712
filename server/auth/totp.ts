import { authenticator } from 'otplib';

/**
 * TOTP (RFC 6238) through otplib: SHA-1, six digits, 30-second steps, as every authenticator
 * app expects. A code is accepted one step either side of now, to allow for clock drift.
 */
const STEP_SECONDS = 30;
const WINDOW_STEPS = 1;

/** A fresh random secret, base32 (20 bytes, as RFC 4226 recommends). */
export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

/** The otpauth:// URI an authenticator app reads, usually from a QR code. */
export function otpauthUri(accountName: string, issuer: string, secret: string): string {
  return authenticator.keyuri(accountName, issuer, secret);
}

/**
 * The time step (counter) of `code` if it is valid for `secret` at `now`, else null. The
 * caller stores the step so that the same code cannot be used again.
 */
export function verifyTotp(secret: string, code: string, now: number): number | null {
  const checker = authenticator.clone({ epoch: now, step: STEP_SECONDS, window: WINDOW_STEPS });
  let delta: number | null;
  try {
    delta = checker.checkDelta(code, secret);
  } catch {
    return null;
  }
  if (delta === null) return null;

  return Math.floor(now / (STEP_SECONDS * 1000)) + delta;
}

/** The code an authenticator app would show at `now`: for tests and the admin's own checks. */
export function totpCodeAt(secret: string, now: number): string {
  return authenticator.clone({ epoch: now, step: STEP_SECONDS }).generate(secret);
}
