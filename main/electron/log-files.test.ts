import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { openLogFiles } from './log-files';

let dir: string | null = null;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('the log files under userData/logs', () => {
  it('writes JSON lines to parley.log and security events to audit.log', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parley-logs-'));
    const logs = openLogFiles(dir);

    logs.createLogger('test').info({ id: 'x' }, 'test.event');
    logs.audit.record('logout', { origin: 'https://chat.example' });
    logs.flush();

    const json = readFileSync(path.join(dir, 'logs', 'parley.log'), 'utf8');
    const audit = readFileSync(path.join(dir, 'logs', 'audit.log'), 'utf8');
    expect(JSON.parse(json.trim())).toMatchObject({ subsystem: 'test', msg: 'test.event' });
    expect(JSON.parse(audit.trim())).toMatchObject({ event: 'logout', audit: true });
  });

  it('moves a parley.log over the cap aside at start, keeping one generation', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parley-logs-'));
    mkdirSync(path.join(dir, 'logs'));
    writeFileSync(path.join(dir, 'logs', 'parley.log'), 'x'.repeat(2_000));

    openLogFiles(dir, 1_000).flush();

    expect(readFileSync(path.join(dir, 'logs', 'parley.log.1'), 'utf8')).toHaveLength(2_000);
    expect(existsSync(path.join(dir, 'logs', 'parley.log.1'))).toBe(true);
  });
});
