import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Field names that may carry secrets or message content. Redaction lives here, in one place:
 * every module logs through a child of this logger, so a stray `{ token }` never reaches disk.
 */
const SECRET_FIELDS = [
  'token',
  'password',
  'currentPassword',
  'newPassword',
  'totpCode',
  'secret',
  'otpauthUri',
  'body',
  'auth',
  'authorization',
];
export const REDACTED_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  'headers.authorization',
];

export function createRootLogger(
  options: { quiet?: boolean; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      name: 'parley-server',
      level: options.quiet ? 'silent' : (process.env.PARLEY_LOG_LEVEL ?? 'info'),
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
}

/** One child logger per module, tagged with its subsystem. */
export function moduleLogger(root: Logger, subsystem: string): Logger {
  return root.child({ subsystem });
}
