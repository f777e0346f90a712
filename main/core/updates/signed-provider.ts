import type { KeyObject } from 'node:crypto';

import type { GenericServerOptions, UpdateInfo } from 'builder-util-runtime';
import { CancellationToken, type AppUpdater } from 'electron-updater';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import {
  parseUpdateInfo,
  type ProviderRuntimeOptions,
} from 'electron-updater/out/providers/Provider';

import { SIGNATURE_SUFFIX, verifyManifestSignature } from './manifest-signature';
import { UpdateRefusedError } from './refusal';
import { compareVersions, isValidVersion } from './version';

const MAX_MANIFEST_BYTES = 256 * 1024;

export interface ManifestTrust {
  publicKeys: KeyObject[];
  currentVersion: string;
}

type ProviderClass = new (
  options: GenericServerOptions,
  updater: AppUpdater,
  runtime: ProviderRuntimeOptions,
) => GenericProvider;

/**
 * A generic-feed provider for electron-updater that will not parse a manifest it has not
 * verified. It fetches `<channel>.yml` and `<channel>.yml.sig` as bytes, checks the Ed25519
 * signature, then the version, and only then hands the parsed info on; any refusal throws, so
 * electron-updater never reaches its download step. The files the manifest names are then bound
 * to it by electron-updater's own SHA-512 check.
 */
export function signedProviderClass(trust: ManifestTrust): ProviderClass {
  return class SignedGenericProvider extends GenericProvider {
    private readonly feed: URL;
    private readonly channelName: string;

    constructor(
      options: GenericServerOptions,
      updater: AppUpdater,
      runtime: ProviderRuntimeOptions,
    ) {
      super(options, updater, runtime);
      this.feed = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
      this.channelName = options.channel ?? 'latest';
    }

    override async getLatestVersion(): Promise<UpdateInfo> {
      const fileName = `${this.getCustomChannelName(this.channelName)}.yml`;
      const manifest = await this.fetch(fileName);
      const signature = await this.fetch(`${fileName}${SIGNATURE_SUFFIX}`).catch(
        (error: unknown) => {
          if (isNotFound(error)) return null;
          throw error;
        },
      );

      if (signature === null) {
        throw new UpdateRefusedError('missing_signature', null, `${fileName} is not signed.`);
      }

      if (
        !verifyManifestSignature(trust.publicKeys, fileName, manifest, signature.toString('utf8'))
      ) {
        throw new UpdateRefusedError('bad_signature', null, `${fileName} has a bad signature.`);
      }

      return checkInfo(parseVerified(manifest, fileName, this.feed), trust.currentVersion);
    }

    private async fetch(fileName: string): Promise<Buffer> {
      const url = new URL(fileName, this.feed);
      url.searchParams.set('noCache', Date.now().toString(36));
      const body = await this.executor.downloadToBuffer(url, {
        headers: { accept: '*/*', 'cache-control': 'no-cache' },
        cancellationToken: new CancellationToken(),
      });

      if (body.length > MAX_MANIFEST_BYTES) throw new Error(`${fileName} is too large.`);

      return body;
    }
  };
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && /status 404/.test(error.message);
}

function parseVerified(manifest: Buffer, fileName: string, feed: URL): UpdateInfo {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(manifest);
  } catch {
    throw new UpdateRefusedError('invalid_manifest', null, `${fileName} is not UTF-8.`);
  }

  try {
    return parseUpdateInfo(text, fileName, new URL(fileName, feed));
  } catch {
    throw new UpdateRefusedError('invalid_manifest', null, `${fileName} is not valid YAML.`);
  }
}

/** A signed manifest must still be newer, and name every file with its SHA-512. */
function checkInfo(info: UpdateInfo, currentVersion: string): UpdateInfo {
  const version = typeof info?.version === 'string' ? info.version : null;

  if (!isValidVersion(version)) {
    throw new UpdateRefusedError('invalid_manifest', null, 'The manifest has no valid version.');
  }

  const files = Array.isArray(info.files) ? info.files : [];
  if (
    files.length === 0 ||
    !files.every((file) => typeof file?.sha512 === 'string' && file.sha512)
  ) {
    throw new UpdateRefusedError('invalid_manifest', version, 'Every file needs a SHA-512.');
  }

  const order = compareVersions(version, currentVersion);
  if (order < 0) {
    throw new UpdateRefusedError(
      'older_version',
      version,
      `${version} is older than ${currentVersion}.`,
    );
  }
  if (order === 0) {
    throw new UpdateRefusedError('same_version', version, `${version} is already running.`);
  }

  return info;
}
