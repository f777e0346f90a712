import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { openEncryptedConnection } from './connection';
import { openCacheDatabase } from './message-cache';
import { newKey, tempDir } from './testing/fixtures';

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing/crash-writer.ts');
const ACKS_BEFORE_KILL = 150;
const KILL_AFTER_MS = 10_000;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Runs the writer until it has acknowledged enough enqueues (or time runs out), then SIGKILLs. */
function runAndKill(
  file: string,
  key: Buffer,
): Promise<{ acked: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file], {
      env: { ...process.env, PARLEY_TEST_CACHE_KEY: key.toString('hex') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let pending = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);

    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (acked.length >= ACKS_BEFORE_KILL) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself (${code}): ${stderr}`));
      else resolve({ acked, signal });
    });
  });
}

describe('a writer killed mid-way', () => {
  it('leaves a consistent file that holds every acknowledged outbox entry', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'crash.db');
    const key = newKey();

    const { acked } = await runAndKill(file, key);
    expect(acked.length).toBeGreaterThan(10);

    const check = openEncryptedConnection(file, key);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();

    const cache = openCacheDatabase({ file, key });
    cleanups.push(() => cache.close());
    const stored = new Set(cache.outbox.list().map((entry) => entry.clientId));
    expect(acked.filter((clientId) => !stored.has(clientId))).toEqual([]);
    expect(cache.search('crash', { limit: 1 })).toHaveLength(1);
  });
});
