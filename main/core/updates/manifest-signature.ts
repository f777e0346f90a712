import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import path from 'node:path';

/**
 * The update manifest's signature format, shared by the release tool and the app.
 *
 * `latest.yml` (or `beta-linux.yml`, ...) is published together with `latest.yml.sig`, a detached
 * Ed25519 signature: one line of base64 (64 bytes) over the bytes
 *
 *     "parley-update-manifest-v1\n" + <manifest file name> + "\n" + <manifest file bytes>
 *
 * The file name is part of what is signed so that a manifest for one channel or OS cannot be
 * served in place of another's; the bytes are the file exactly as published (no YAML
 * canonicalisation, so the app verifies before it parses).
 */
export const SIGNATURE_CONTEXT = 'parley-update-manifest-v1';
export const SIGNATURE_SUFFIX = '.sig';

const SIGNATURE_LINE = /^([A-Za-z0-9+/]{86}==)\r?\n?$/;

export function signedMessage(fileName: string, manifest: Uint8Array): Buffer {
  if (fileName !== path.basename(fileName) || /[\r\n]/.test(fileName)) {
    throw new Error(`Not a plain file name: ${JSON.stringify(fileName)}`);
  }

  return Buffer.concat([Buffer.from(`${SIGNATURE_CONTEXT}\n${fileName}\n`, 'utf8'), manifest]);
}

/** The `.sig` file's content for a manifest. */
export function signManifest(
  privateKeyPem: string,
  fileName: string,
  manifest: Uint8Array,
): string {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The release key must be Ed25519.');

  return `${sign(null, signedMessage(fileName, manifest), key).toString('base64')}\n`;
}

export function ed25519PublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The update key must be Ed25519.');

  return key;
}

/**
 * True when any of the shipped public keys (more than one during a key rotation) signed this
 * manifest under this file name.
 */
export function verifyManifestSignature(
  publicKeys: KeyObject[],
  fileName: string,
  manifest: Uint8Array,
  signatureText: string,
): boolean {
  const match = SIGNATURE_LINE.exec(signatureText);
  if (!match?.[1]) return false;

  const signature = Buffer.from(match[1], 'base64');
  const message = signedMessage(fileName, manifest);

  return publicKeys.some((key) => verify(null, message, key, signature));
}
