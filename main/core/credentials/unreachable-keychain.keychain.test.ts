import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { assertThrowawayKeyring } from './testing/throwaway-keyring';

const PROBE = fileURLToPath(new URL('./testing/keychain-probe.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TIMEOUT_MS = 1_000;
const PROBE_ARGS = ['--import', 'tsx', PROBE, String(TIMEOUT_MS)];

interface ProbeLine {
  call: string;
  ok: boolean;
  name?: string;
  reason?: string;
  message?: string;
  elapsedMs: number;
}

interface ProbeRun {
  lines: ProbeLine[];
  /** Time until both calls had answered. */
  answeredMs: number;
}

/**
 * Runs a command that ends in the probe and collects its two answers. With `killWhenAnswered`
 * the child is killed once it has answered (a stuck keytar call keeps it from exiting).
 */
function runProbe(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; killWhenAnswered: boolean },
): Promise<ProbeRun> {
  const started = Date.now();
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);

  const lines: ProbeLine[] = [];
  let answeredMs = Number.POSITIVE_INFINITY;
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const line of complete.filter((text) => text.startsWith('{'))) {
      lines.push(JSON.parse(line) as ProbeLine);
    }
    if (lines.length === 2 && answeredMs === Number.POSITIVE_INFINITY) {
      answeredMs = Date.now() - started;
      if (options.killWhenAnswered) child.kill('SIGKILL');
    }
  });

  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(killer);
      resolve({ lines, answeredMs });
    });
  });
}

function outcomes(run: ProbeRun): Array<[string, string | undefined, string | undefined]> {
  return run.lines.map((line) => [line.call, line.name, line.reason]);
}

describe('a keychain that cannot be used (real keytar, child process)', () => {
  let scratch: string;
  let silentBus: net.Server;
  const sockets: net.Socket[] = [];

  beforeAll(async () => {
    scratch = await fs.mkdtemp(path.join(assertThrowawayKeyring(), 'bus-'));

    // Accepts D-Bus connections and never answers: keytar would wait on it forever.
    silentBus = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silentBus.listen(path.join(scratch, 'silent'), resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silentBus?.close(resolve));
  });

  it('fails fast with reason "unavailable" when the bus socket does not exist', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${scratch}/missing` };
    const run = await runProbe(process.execPath, PROBE_ARGS, { env, killWhenAnswered: true });

    expect(outcomes(run)).toEqual([
      ['saveToken', 'KeychainUnavailableError', 'unavailable'],
      ['getOrCreateCacheKey', 'KeychainUnavailableError', 'unavailable'],
    ]);
    expect(run.lines[0]?.message).toMatch(/^Parley could not reach the system keychain/);
    expect(run.lines.every((line) => line.elapsedMs < TIMEOUT_MS)).toBe(true);
  });

  it('gives up within the bound with reason "timeout" when the keychain never answers', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${scratch}/silent` };
    const run = await runProbe(process.execPath, PROBE_ARGS, { env, killWhenAnswered: true });

    expect(outcomes(run)).toEqual([
      ['saveToken', 'KeychainUnavailableError', 'timeout'],
      ['getOrCreateCacheKey', 'KeychainUnavailableError', 'timeout'],
    ]);
    expect(run.lines[0]?.message).toMatch(/^The system keychain did not answer in time/);
    expect(run.lines[0]?.elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(run.lines[0]?.elapsedMs).toBeLessThan(TIMEOUT_MS + 1_000);
    // The first call is still stuck, so the next one fails at once instead of queueing.
    expect(run.lines[1]?.elapsedMs).toBeLessThan(200);
    expect(run.answeredMs).toBeLessThan(10_000);
  });

  it('reports reason "locked" when the keyring is locked (its own throwaway keyring)', async () => {
    // Locking cannot be undone without a prompt, so this runs in a second private session.
    const wrapper = path.join(REPO_ROOT, 'scripts', 'with-keyring.sh');
    const args = [wrapper, process.execPath, ...PROBE_ARGS, 'lock-first'];
    const run = await runProbe('bash', args, { killWhenAnswered: false });

    expect(outcomes(run)).toEqual([
      ['saveToken', 'KeychainUnavailableError', 'locked'],
      ['getOrCreateCacheKey', 'KeychainUnavailableError', 'locked'],
    ]);
    expect(run.lines[0]?.message).toBe('The system keychain is locked. Unlock it and try again.');
    expect(run.answeredMs).toBeLessThan(10_000);
  });
});
