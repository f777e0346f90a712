import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { AuditFields, AuditLog } from '../../audit/audit-log';
import type { ReadText } from '../file-source';

/**
 * A temp folder standing in for the file system root, so tests can put files at the real OS
 * paths (`/etc/parley/policy.json`, `C:\ProgramData\...`) without touching them.
 */
export interface FakeRoot {
  dir: string;
  readText: ReadText;
  write(osPath: string, content: string): Promise<void>;
  remove(): Promise<void>;
}

function inside(dir: string, osPath: string): string {
  return path.join(dir, osPath.replace(/^([A-Za-z]):/, '$1').replace(/\\/g, '/'));
}

export async function createFakeRoot(): Promise<FakeRoot> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-policy-'));

  return {
    dir,
    readText: (osPath) => readFile(inside(dir, osPath), 'utf8'),
    async write(osPath, content) {
      const file = inside(dir, osPath);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface RecordingAudit extends AuditLog {
  events: { event: string; fields: AuditFields }[];
}

export function recordingAudit(): RecordingAudit {
  const events: RecordingAudit['events'] = [];

  return { events, record: (event, fields = {}) => void events.push({ event, fields }) };
}
