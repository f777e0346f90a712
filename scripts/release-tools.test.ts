import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ed25519PublicKey, verifyManifestSignature } from '../main/core/updates/manifest-signature';
import { generateReleaseKeys } from './release-keygen';
import { signManifestFiles } from './sign-manifest';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parley-release-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MANIFEST = 'version: 1.2.0\nfiles:\n  - url: Parley-1.2.0.AppImage\n    sha512: abc\n';

describe('release-keygen', () => {
  it('writes a 0600 private key and the public key, and refuses to overwrite them', async () => {
    const privateKeyPath = path.join(dir, 'secret', 'release.pem');
    const publicKeyPath = path.join(dir, 'repo', 'build', 'update-public-key.pem');

    const { publicKeyPem } = await generateReleaseKeys({
      privateKeyPath,
      publicKeyPath,
      repoRoot: path.join(dir, 'repo'),
    });

    expect((await stat(privateKeyPath)).mode & 0o777).toBe(0o600);
    expect(await readFile(publicKeyPath, 'utf8')).toBe(publicKeyPem);
    expect(ed25519PublicKey(publicKeyPem).asymmetricKeyType).toBe('ed25519');
    await expect(
      generateReleaseKeys({ privateKeyPath, publicKeyPath, repoRoot: path.join(dir, 'repo') }),
    ).rejects.toThrow(/already exists/);
  });

  it('writes nothing when the public key already exists, such as the development key', async () => {
    const privateKeyPath = path.join(dir, 'secret', 'release.pem');
    const publicKeyPath = path.join(dir, 'repo', 'build', 'update-public-key.pem');
    await mkdir(path.dirname(publicKeyPath), { recursive: true });
    await writeFile(publicKeyPath, 'development key');

    await expect(
      generateReleaseKeys({ privateKeyPath, publicKeyPath, repoRoot: path.join(dir, 'repo') }),
    ).rejects.toThrow(/delete build\/update-public-key.pem first/);
    expect(existsSync(privateKeyPath)).toBe(false);
  });

  it('sees through a symlink that leads into the repository', async () => {
    await mkdir(path.join(dir, 'repo'), { recursive: true });
    await symlink(path.join(dir, 'repo'), path.join(dir, 'repolink'));

    await expect(
      generateReleaseKeys({
        privateKeyPath: path.join(dir, 'repolink', 'leak.pem'),
        publicKeyPath: path.join(dir, 'pub.pem'),
        repoRoot: path.join(dir, 'repo'),
      }),
    ).rejects.toThrow(/inside the repository/);
    expect(existsSync(path.join(dir, 'repo', 'leak.pem'))).toBe(false);
  });

  it('refuses to put the private key inside the repository', async () => {
    await expect(
      generateReleaseKeys({
        privateKeyPath: path.join(dir, 'repo', 'keys', 'release.pem'),
        publicKeyPath: path.join(dir, 'pub.pem'),
        repoRoot: path.join(dir, 'repo'),
      }),
    ).rejects.toThrow(/inside the repository/);
  });
});

describe('sign-manifest', () => {
  async function keys() {
    const privateKeyPath = path.join(dir, 'secret.pem');
    const publicKeyPath = path.join(dir, 'public.pem');
    await generateReleaseKeys({ privateKeyPath, publicKeyPath, repoRoot: path.join(dir, 'repo') });

    return {
      privateKeyPem: await readFile(privateKeyPath, 'utf8'),
      publicKeyPem: await readFile(publicKeyPath, 'utf8'),
    };
  }

  it('writes a .sig the app accepts for that file name only', async () => {
    const { privateKeyPem, publicKeyPem } = await keys();
    const manifest = path.join(dir, 'latest-linux.yml');
    await writeFile(manifest, MANIFEST);

    const written = await signManifestFiles({ privateKeyPem, publicKeyPem, files: [manifest] });

    const signature = await readFile(`${manifest}.sig`, 'utf8');
    const publicKey = ed25519PublicKey(publicKeyPem);
    expect(written).toEqual([`${manifest}.sig`]);
    expect(signature).toMatch(/^[A-Za-z0-9+/]{86}==\n$/);
    expect(
      verifyManifestSignature([publicKey], 'latest-linux.yml', Buffer.from(MANIFEST), signature),
    ).toBe(true);
    expect(
      verifyManifestSignature([publicKey], 'beta-linux.yml', Buffer.from(MANIFEST), signature),
    ).toBe(false);
    expect(
      verifyManifestSignature(
        [publicKey],
        'latest-linux.yml',
        Buffer.from(MANIFEST + ' '),
        signature,
      ),
    ).toBe(false);
  });

  it('refuses to sign with a key that does not match the shipped public key', async () => {
    const { privateKeyPem } = await keys();
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' });
    const manifest = path.join(dir, 'latest.yml');
    await writeFile(manifest, MANIFEST);

    await expect(
      signManifestFiles({ privateKeyPem, publicKeyPem: other.toString(), files: [manifest] }),
    ).rejects.toThrow(/does not match/);
  });
});
