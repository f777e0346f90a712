/**
 * The one place that decides what never reaches a log line. Every logger made by
 * createLoggerFactory applies these paths through pino's `redact`, so a module that logs a
 * payload by mistake still cannot leak a session token, a password, a key or a message body.
 */
export const REDACTED = '[redacted]';

/** Field names whose values are secret wherever they appear. */
export const SENSITIVE_KEYS = [
  'token',
  'accessToken',
  'refreshToken',
  'sessionToken',
  'password',
  'passphrase',
  'body',
  'key',
  'privateKey',
  'secret',
  'clientSecret',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'totp',
  'totpCode',
  'otp',
  // Covers one-time codes; log our own error classification as `errorCode` instead.
  'code',
] as const;

/** How deep below the log record's top level a sensitive key is still caught. */
export const REDACTION_DEPTH = 5;

/** `token`, `*.token`, `*.*.token`, … for every sensitive key (wildcards also match arrays). */
export function sensitivePaths(
  keys: readonly string[] = SENSITIVE_KEYS,
  depth = REDACTION_DEPTH,
): string[] {
  const paths: string[] = [];
  for (const key of keys) {
    for (let level = 0; level <= depth; level += 1) {
      paths.push([...Array<string>(level).fill('*'), key].join('.'));
    }
  }
  return paths;
}
