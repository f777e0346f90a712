import { execFile } from 'node:child_process';

import { WINDOWS_POLICY_KEY } from './locations';
import type { PolicyReader } from './readers';

/**
 * The Windows policy key, as `reg query /s` prints it. Value names are the policy keys;
 * REG_DWORD is a boolean, REG_SZ a string, REG_MULTI_SZ a list; `certificatePins` is REG_SZ JSON;
 * the `update` settings live in the subkey `update`. Types are checked later by the schema.
 */
export function parseRegQueryOutput(output: string, root = WINDOWS_POLICY_KEY): unknown {
  const result: Record<string, unknown> = {};
  const rootLong = root.replace(/^HKLM\\/i, 'HKEY_LOCAL_MACHINE\\').toLowerCase();
  let target: Record<string, unknown> | null = null;

  for (const line of output.split(/\r?\n/)) {
    if (/^HKEY_/i.test(line)) {
      target = sectionFor(result, line.trim().toLowerCase(), rootLong);
      continue;
    }

    const match =
      /^\s{2,}(\S+)\s+(REG_\w+)\s{2,}(.*)$/.exec(line) ?? /^\s{2,}(\S+)\s+(REG_\w+)$/.exec(line);
    if (!match || !target) continue;

    const [, name = '', type = '', raw = ''] = match;
    // `(Default)` is the key's unnamed value, which reg.exe always lists; it is no setting.
    if (name.startsWith('(')) continue;
    target[name] = registryValue(name, type, raw);
  }

  return result;
}

function sectionFor(
  result: Record<string, unknown>,
  key: string,
  rootLong: string,
): Record<string, unknown> | null {
  if (key === rootLong) return result;

  const sub = key.startsWith(`${rootLong}\\`) ? key.slice(rootLong.length + 1) : null;
  if (sub !== 'update') return null;

  const section: Record<string, unknown> = {};
  result.update = section;

  return section;
}

function registryValue(name: string, type: string, raw: string): unknown {
  switch (type) {
    case 'REG_DWORD':
      return Number.parseInt(raw, 16) !== 0;
    case 'REG_MULTI_SZ':
      return raw === '' ? [] : raw.split('\\0').filter((item) => item !== '');
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return name === 'certificatePins' ? parseJsonOrRaw(raw) : raw;
    default:
      return `unsupported registry type ${type}`;
  }
}

function parseJsonOrRaw(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** Reads HKLM\SOFTWARE\Policies\Parley with reg.exe. Windows only; never runs elsewhere. */
export function createWindowsRegistryReader(key = WINDOWS_POLICY_KEY): PolicyReader {
  return () =>
    new Promise((resolve) => {
      execFile(
        'reg.exe',
        ['query', key, '/s'],
        { windowsHide: true, timeout: 10_000, maxBuffer: 1024 * 1024 },
        (error, stdout) => {
          // reg.exe exits 1 when the key does not exist: no registry policy.
          if (error && (error as { code?: unknown }).code === 1) return resolve(null);
          if (error) return resolve({ source: key, error: `reg.exe failed (${error.message})` });

          resolve({ source: key, data: parseRegQueryOutput(stdout, key) });
        },
      );
    });
}
