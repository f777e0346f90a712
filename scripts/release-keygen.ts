/**
 * Makes the Ed25519 key pair that signs update manifests.
 *
 *   npx tsx scripts/release-keygen.ts --private-key /secure/place/parley-release.pem
 *
 * The private key is written with mode 0600 and must live outside this repository (the script
 * refuses a path inside it); the public key goes to build/update-public-key.pem and ships with
 * the app. An existing file is never overwritten.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PUBLIC_KEY_PATH = path.join(REPO_ROOT, 'build', 'update-public-key.pem');

export interface KeygenOptions {
  privateKeyPath: string;
  publicKeyPath?: string;
  /** The folder the private key must stay out of. */
  repoRoot?: string;
}

/** The path with every existing part resolved through symlinks, so a link cannot hide the repo. */
function realPath(target: string): string {
  const missing: string[] = [];
  let existing = target;
  while (!existsSync(existing)) {
    missing.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  return path.join(realpathSync(existing), ...missing);
}

export async function generateReleaseKeys(
  options: KeygenOptions,
): Promise<{ publicKeyPem: string }> {
  const privateKeyPath = path.resolve(options.privateKeyPath);
  const publicKeyPath = path.resolve(options.publicKeyPath ?? PUBLIC_KEY_PATH);
  const repoRoot = path.resolve(options.repoRoot ?? REPO_ROOT);

  const relative = path.relative(realPath(repoRoot), realPath(privateKeyPath));
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
    throw new Error(`Refusing to write the private key inside the repository (${privateKeyPath}).`);
  }
  // Both checked before anything is written, so a refusal never leaves half a key pair behind.
  for (const existing of [privateKeyPath, publicKeyPath].filter((file) => existsSync(file))) {
    throw new Error(
      `${existing} already exists. To replace the development key, delete ` +
        'build/update-public-key.pem first; an existing key is never overwritten.',
    );
  }

  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

  await mkdir(path.dirname(privateKeyPath), { recursive: true, mode: 0o700 });
  await writeFile(privateKeyPath, privateKeyPem, { mode: 0o600, flag: 'wx' });
  await mkdir(path.dirname(publicKeyPath), { recursive: true });
  await writeFile(publicKeyPath, publicKeyPem, { flag: 'wx' });

  return { publicKeyPem };
}

const isEntry = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) {
  const { values } = parseArgs({
    options: { 'private-key': { type: 'string' }, 'public-key': { type: 'string' } },
  });
  const privateKeyPath = values['private-key'];

  if (!privateKeyPath) {
    console.error(
      'Usage: release-keygen --private-key <path outside the repo> [--public-key <path>]',
    );
    process.exitCode = 2;
  } else {
    generateReleaseKeys({ privateKeyPath, publicKeyPath: values['public-key'] }).then(
      () =>
        console.log(
          `Private key: ${privateKeyPath} (0600). Public key: ${values['public-key'] ?? PUBLIC_KEY_PATH}.`,
        ),
      (error: unknown) => {
        console.error('release-keygen:', (error as Error).message);
        process.exitCode = 1;
      },
    );
  }
}
