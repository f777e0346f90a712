import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';

import { MACOS_MANAGED_PREFERENCES } from './locations';
import type { PolicyReader } from './readers';

/**
 * Reads the managed preferences an MDM profile installs for com.parley.desktop, converted to
 * JSON by plutil. macOS only; never runs elsewhere. The profile's keys are the policy keys.
 */
export function createMacManagedPreferencesReader(file = MACOS_MANAGED_PREFERENCES): PolicyReader {
  return async () => {
    try {
      await access(file);
    } catch {
      return null;
    }

    return new Promise((resolve) => {
      execFile(
        '/usr/bin/plutil',
        ['-convert', 'json', '-o', '-', file],
        { timeout: 10_000, maxBuffer: 1024 * 1024 },
        (error, stdout) => {
          if (error) return resolve({ source: file, error: `plutil failed (${error.message})` });

          try {
            resolve({ source: file, data: JSON.parse(stdout) as unknown });
          } catch {
            resolve({ source: file, error: 'plutil did not produce JSON' });
          }
        },
      );
    });
  };
}
