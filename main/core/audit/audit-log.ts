import { pino, type DestinationStream } from 'pino';

import { REDACTED, sensitivePaths } from '../log/redaction';

/** Security events that IT may need to reconstruct later. */
export type AuditEventName =
  | 'login.succeeded'
  | 'login.failed'
  | 'logout'
  | 'session.revoked'
  | 'session.expired'
  | 'cache.quarantined'
  | 'cache.erased'
  | 'cache.key_rotated'
  | 'certificate.refused'
  | 'policy.loaded'
  | 'policy.invalid'
  | 'update.decision';

/** Ids, origins, codes and reasons only: never a secret or a message body. */
export type AuditFields = Record<string, string | number | boolean | null | undefined>;

export interface AuditLog {
  record(event: AuditEventName, fields?: AuditFields): void;
}

/**
 * JSON lines, one per security event, through the same redaction layer as every other log, so a
 * field named like a secret never reaches the file even if a caller passes one by mistake.
 */
export function createAuditLog(destination: DestinationStream): AuditLog {
  const logger = pino(
    { base: null, redact: { paths: sensitivePaths(), censor: REDACTED }, messageKey: 'event' },
    destination,
  );

  return {
    record(event, fields = {}) {
      logger.info({ audit: true, ...fields }, event);
    },
  };
}

/** Opens (appending) the audit log file of this install. */
export function openAuditLogFile(file: string): AuditLog {
  return createAuditLog(pino.destination({ dest: file, mkdir: true, append: true, sync: true }));
}

/** For callers and tests that keep no audit trail. */
export const noAudit: AuditLog = { record: () => undefined };
