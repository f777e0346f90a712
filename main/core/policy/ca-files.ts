import { readFileSync, statSync } from 'node:fs';

import type { AuditLog } from '../audit/audit-log';

const MAX_CA_FILE_BYTES = 256 * 1024;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

/** Reads one file's text; injectable so tests need no real files. */
export type ReadCaFile = (file: string) => string;

export const readCaFileText: ReadCaFile = (file) => {
  if (statSync(file).size > MAX_CA_FILE_BYTES) throw new Error('the file is larger than 256 KiB');

  return readFileSync(file, 'utf8');
};

/**
 * The PEM certificates of policy's `extraCaFiles`. A file that cannot be read or holds no
 * certificate is left out and reported (audit `policy.invalid`): that fails closed, since a
 * server under that CA is then refused rather than trusted some other way.
 */
export function readExtraCaFiles(
  files: readonly string[],
  audit: AuditLog,
  read: ReadCaFile = readCaFileText,
): string[] {
  return files.flatMap((file) => {
    let certificates: string[];
    try {
      certificates = read(file).match(PEM_CERTIFICATE) ?? [];
    } catch (error) {
      report(audit, file, (error as Error).message);
      return [];
    }

    if (certificates.length === 0) report(audit, file, 'the file holds no PEM certificate');
    return certificates;
  });
}

function report(audit: AuditLog, file: string, reason: string): void {
  audit.record('policy.invalid', { source: file, key: 'extraCaFiles', reason });
}
