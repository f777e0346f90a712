import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { bucketOf, isInRollout, loadRolloutBucket, ROLLOUT_ID_FILE } from './rollout';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parley-rollout-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the rollout bucket', () => {
  it('stays the same across starts of one install', async () => {
    const first = await loadRolloutBucket(dir);
    const second = await loadRolloutBucket(dir);

    expect(second).toBe(first);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(100);
    expect((await stat(path.join(dir, ROLLOUT_ID_FILE))).mode & 0o777).toBe(0o600);
  });

  it('is the hash of the stored id', async () => {
    const id = 'ab'.repeat(32);
    await writeFile(path.join(dir, ROLLOUT_ID_FILE), id);

    expect(await loadRolloutBucket(dir)).toBe(bucketOf(id));
  });

  it('replaces a damaged id with a fresh one', async () => {
    await writeFile(path.join(dir, ROLLOUT_ID_FILE), 'garbage');

    await loadRolloutBucket(dir);

    expect(await readFile(path.join(dir, ROLLOUT_ID_FILE), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('spreads installs over all hundred buckets', () => {
    const buckets = new Set(Array.from({ length: 2000 }, (_, i) => bucketOf(`install-${i}`)));

    expect(buckets.size).toBe(100);
  });
});

describe('isInRollout', () => {
  it('lets everyone in without a percentage and no one at 0 %', () => {
    expect(isInRollout(99, undefined)).toBe(true);
    expect(isInRollout(0, 0)).toBe(false);
  });

  it('lets buckets below the percentage in', () => {
    expect(isInRollout(29, 30)).toBe(true);
    expect(isInRollout(30, 30)).toBe(false);
    expect(isInRollout(99, 100)).toBe(true);
  });

  it('holds back on a percentage that is not a number from 0 to 100', () => {
    expect(isInRollout(0, '50')).toBe(false);
    expect(isInRollout(0, 150)).toBe(false);
    expect(isInRollout(0, Number.NaN)).toBe(false);
  });
});
