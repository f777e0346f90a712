import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readShellConfig, ShellConfigError } from './shell-config';

const PEM = '-----BEGIN CERTIFICATE-----\nTUlJQg==\n-----END CERTIFICATE-----';
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-config-'));
  await fs.writeFile(path.join(dir, 'ca.pem'), `${PEM}\n${PEM}\n`);
  await fs.writeFile(path.join(dir, 'empty.pem'), 'not a certificate');
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('shell configuration from the environment', () => {
  it('reads the default server and every certificate in the CA file', async () => {
    const config = await readShellConfig(
      {
        PARLEY_DEFAULT_SERVER: 'https://127.0.0.1:7443',
        PARLEY_EXTRA_CA_FILE: path.join(dir, 'ca.pem'),
      },
      false,
    );

    expect(config).toEqual({ defaultServerUrl: 'https://127.0.0.1:7443', extraCaPem: [PEM, PEM] });
  });

  it('defaults to nothing when the variables are unset or empty', async () => {
    const unset = await readShellConfig({}, false);
    const empty = await readShellConfig(
      { PARLEY_DEFAULT_SERVER: '', PARLEY_EXTRA_CA_FILE: '' },
      false,
    );

    expect(unset).toEqual({ defaultServerUrl: null, extraCaPem: [] });
    expect(empty).toEqual(unset);
  });

  it.each([
    [{ PARLEY_DEFAULT_SERVER: 'http://127.0.0.1:7443' }, /https/],
    [{ PARLEY_DEFAULT_SERVER: 'javascript:alert(1)' }, /https/],
    [{ PARLEY_EXTRA_CA_FILE: 'relative/ca.pem' }, /absolute/],
    [{ PARLEY_EXTRA_CA_FILE: '/nonexistent/parley/ca.pem' }, /readable PEM file/],
    [{ PARLEY_EXTRA_CA_FILE: '/' }, /readable PEM file/],
  ])('refuses %o', async (env, message) => {
    await expect(readShellConfig(env, false)).rejects.toThrow(message);
  });

  it('refuses a CA file without a certificate', async () => {
    const env = { PARLEY_EXTRA_CA_FILE: path.join(dir, 'empty.pem') };

    await expect(readShellConfig(env, false)).rejects.toBeInstanceOf(ShellConfigError);
  });

  it('ignores both variables in a packaged app, so no variable can add a trusted CA', async () => {
    const env = {
      PARLEY_DEFAULT_SERVER: 'https://127.0.0.1:7443',
      PARLEY_EXTRA_CA_FILE: path.join(dir, 'ca.pem'),
    };

    expect(await readShellConfig(env, true)).toEqual({ defaultServerUrl: null, extraCaPem: [] });
  });
});
