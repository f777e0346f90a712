import { mkdirSync, openSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

import { pino } from 'pino';

import { openAuditLogFile, type AuditLog } from '../core/audit/audit-log';
import { createLoggerFactory, type CreateLogger } from '../core/log/logger';

export interface LogFiles {
  /** JSON lines to <userData>/logs/parley.log, one child logger per subsystem. */
  createLogger: CreateLogger;
  /** Security events to <userData>/logs/audit.log (written synchronously). */
  audit: AuditLog;
  /** Writes what is still buffered; called on quit, before a forced exit. */
  flush(): void;
}

/** parley.log is moved to parley.log.1 at start once it is larger than this. */
export const MAX_LOG_BYTES = 5 * 1024 * 1024;

/**
 * Opens the app's two log files under `<userData>/logs`. The JSON log keeps one previous
 * generation, rotated at start only (a running app can still grow it past the cap).
 *
 * GAP(audit-retention): audit.log is never rotated or pruned: how long security events must be
 * kept is IT's call, and no policy key says it yet.
 */
export function openLogFiles(userDataPath: string, maxBytes = MAX_LOG_BYTES): LogFiles {
  const dir = path.join(userDataPath, 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  const file = path.join(dir, 'parley.log');
  rotateIfLarger(file, maxBytes);
  // Opened here, synchronously, so a flush at quit always has a file to write to.
  const fd = openSync(file, 'a', 0o600);
  const destination = pino.destination({ dest: fd, sync: false });

  return {
    createLogger: createLoggerFactory({ destination }),
    audit: openAuditLogFile(path.join(dir, 'audit.log')),
    flush() {
      try {
        destination.flushSync();
      } catch {
        // A write still under way: it completes on its own.
      }
    },
  };
}

function rotateIfLarger(file: string, maxBytes: number): void {
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  if (size > maxBytes) renameSync(file, `${file}.1`);
}
