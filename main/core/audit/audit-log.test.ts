import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { openAuditLogFile } from './audit-log';

describe('audit log', () => {
  let dir: string;

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one JSON line per security event with its name and ids', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'parley-audit-'));
    const file = path.join(dir, 'logs', 'audit.log');
    const audit = openAuditLogFile(file);

    audit.record('login.succeeded', { server: 'https://chat.example', userId: 'u_1' });
    audit.record('session.revoked', { userId: 'u_1', reason: 'Laptop lost' });

    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.event)).toEqual(['login.succeeded', 'session.revoked']);
    expect(lines[1]).toMatchObject({ audit: true, userId: 'u_1', reason: 'Laptop lost' });
    expect(typeof lines[0].time).toBe('number');
  });

  it('redacts a secret even when a caller passes one by mistake', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'parley-audit-'));
    const file = path.join(dir, 'audit.log');
    const audit = openAuditLogFile(file);

    audit.record('login.failed', {
      username: 'alice',
      password: 'hunter2-super-secret',
      token: 'tok_abcdefabcdefabcdefabcdef',
    });

    const text = await readFile(file, 'utf8');
    expect(text).toContain('login.failed');
    expect(text).not.toContain('hunter2-super-secret');
    expect(text).not.toContain('tok_abcdefabcdefabcdefabcdef');
  });
});
