/**
 * Signs update manifests (latest.yml, latest-mac.yml, latest-linux.yml, beta*.yml) with the
 * release key, writing `<manifest>.sig` next to each. Sign the manifests exactly as they will be
 * published: any later edit (a stagingPercentage change, say) needs a new signature.
 *
 *   PARLEY_RELEASE_KEY_FILE=/secure/parley-release.pem npx tsx scripts/sign-manifest.ts out/latest*.yml
 *   npx tsx scripts/sign-manifest.ts --key /secure/parley-release.pem out/latest.yml
 *
 * Each signature is checked against build/update-public-key.pem before it is written, so a
 * release signed with the wrong key fails here and not on every desktop.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import {
  ed25519PublicKey,
  SIGNATURE_SUFFIX,
  signManifest,
  verifyManifestSignature,
} from '../main/core/updates/manifest-signature';

const DEFAULT_PUBLIC_KEY = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'build',
  'update-public-key.pem',
);

export interface SignOptions {
  privateKeyPem: string;
  /** The key the app ships; the signature must verify with it. */
  publicKeyPem: string;
  files: string[];
}

export async function signManifestFiles(options: SignOptions): Promise<string[]> {
  const publicKey = ed25519PublicKey(options.publicKeyPem);
  const written: string[] = [];

  for (const file of options.files) {
    const manifest = await readFile(file);
    const name = path.basename(file);
    const signature = signManifest(options.privateKeyPem, name, manifest);

    if (!verifyManifestSignature([publicKey], name, manifest, signature)) {
      throw new Error('The private key does not match the public key the app ships.');
    }

    await writeFile(`${file}${SIGNATURE_SUFFIX}`, signature);
    written.push(`${file}${SIGNATURE_SUFFIX}`);
  }

  return written;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { key: { type: 'string' }, 'public-key': { type: 'string' } },
  });
  const keyFile = values.key ?? process.env.PARLEY_RELEASE_KEY_FILE;

  if (!keyFile || positionals.length === 0) {
    console.error('Usage: sign-manifest --key <private key PEM> <manifest.yml>...');
    process.exitCode = 2;
    return;
  }

  const written = await signManifestFiles({
    privateKeyPem: await readFile(keyFile, 'utf8'),
    publicKeyPem: await readFile(values['public-key'] ?? DEFAULT_PUBLIC_KEY, 'utf8'),
    files: positionals,
  });
  for (const file of written) console.log(`Signed: ${file}`);
}

const isEntry = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) {
  main().catch((error: unknown) => {
    console.error('sign-manifest:', (error as Error).message);
    process.exitCode = 1;
  });
}
