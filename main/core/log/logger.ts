import { pino, type DestinationStream, type Level, type Logger } from 'pino';

import { REDACTED, sensitivePaths } from './redaction';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Defaults to 'info'. 'silent' turns logging off (tests). */
  level?: Level | 'silent';
  /** Where JSON lines go; defaults to stdout. */
  destination?: DestinationStream;
}

/** Makes one child logger per module, tagged with its subsystem. */
export type CreateLogger = (subsystem: string) => Logger;

/**
 * One pino root per process with the redaction layer applied; every module asks it for a child
 * tagged `{ subsystem }`. Log event names and ids, never payloads.
 */
export function createLoggerFactory(options: LoggerOptions = {}): CreateLogger {
  const root = pino(
    {
      level: options.level ?? 'info',
      base: null,
      redact: { paths: sensitivePaths(), censor: REDACTED },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );

  return (subsystem) => root.child({ subsystem });
}

/** A factory whose loggers write nothing, for callers that pass no logger. */
export const silentLoggers: CreateLogger = createLoggerFactory({ level: 'silent' });
