import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const ROLLOUT_ID_FILE = 'update-rollout-id';

/**
 * This install's rollout bucket, 0-99: a random id kept in userData, hashed. The id says nothing
 * about the user and is never sent anywhere; the bucket stays the same across starts, so a
 * release at 20 % reaches the same fifth of installs until its percentage grows.
 */
export async function loadRolloutBucket(userDataPath: string): Promise<number> {
  const file = path.join(userDataPath, ROLLOUT_ID_FILE);
  let id = await readFile(file, 'utf8').catch(() => '');

  if (!/^[0-9a-f]{64}$/.test(id)) {
    id = randomBytes(32).toString('hex');
    await mkdir(userDataPath, { recursive: true });
    await writeFile(file, id, { mode: 0o600 });
  }

  return bucketOf(id);
}

export function bucketOf(id: string): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % 100;
}

/**
 * A manifest without `stagingPercentage` goes to everyone; 0 to no one; 30 to buckets 0-29.
 * A value that is not a number from 0 to 100 reaches no one: the manifest is signed, so a bad
 * value is a release mistake, and holding back is the safe reading of it.
 */
export function isInRollout(bucket: number, stagingPercentage: unknown): boolean {
  if (stagingPercentage === undefined || stagingPercentage === null) return true;
  if (
    typeof stagingPercentage !== 'number' ||
    !(stagingPercentage >= 0 && stagingPercentage <= 100)
  ) {
    return false;
  }

  return bucket < stagingPercentage;
}
