import { promises as fs } from 'node:fs';
import path from 'node:path';

import { ServerUrlSchema } from '../../common/bridge';

export interface ShellConfig {
  defaultServerUrl: string | null;
  extraCaPem: string[];
}

export class ShellConfigError extends Error {
  override name = 'ShellConfigError';
}

const MAX_CA_FILE_BYTES = 256 * 1024;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

async function readCaFile(file: string): Promise<string[]> {
  if (!path.isAbsolute(file)) {
    throw new ShellConfigError('PARLEY_EXTRA_CA_FILE must be an absolute path.');
  }

  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile() || stat.size > MAX_CA_FILE_BYTES) {
    throw new ShellConfigError('PARLEY_EXTRA_CA_FILE must name a readable PEM file under 256 KiB.');
  }

  const certificates = (await fs.readFile(file, 'utf8')).match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) {
    throw new ShellConfigError('PARLEY_EXTRA_CA_FILE holds no PEM certificate.');
  }
  return certificates;
}

/**
 * Reads the two development variables `npm start` sets. A packaged build ignores them: an
 * environment variable must not be able to add a trusted CA to an installed app (that belongs
 * to machine policy).
 */
export async function readShellConfig(
  env: NodeJS.ProcessEnv,
  isPackaged: boolean,
): Promise<ShellConfig> {
  const serverUrl = env.PARLEY_DEFAULT_SERVER || null;
  const caFile = env.PARLEY_EXTRA_CA_FILE || null;
  if (isPackaged) return { defaultServerUrl: null, extraCaPem: [] };

  if (serverUrl !== null && !ServerUrlSchema.safeParse(serverUrl).success) {
    throw new ShellConfigError(
      'PARLEY_DEFAULT_SERVER must be an https origin, such as https://127.0.0.1:7443.',
    );
  }

  return {
    defaultServerUrl: serverUrl,
    extraCaPem: caFile === null ? [] : await readCaFile(caFile),
  };
}
