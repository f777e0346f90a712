import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadConfigFile, parseConfig } from './config';

describe('server configuration', () => {
  it('fills every default from an empty configuration', () => {
    expect(parseConfig({})).toEqual({
      name: 'Parley',
      sessionTtlMinutes: 720,
      idleTimeoutMinutes: 30,
      mfa: 'optional',
      passwordPolicy: {
        minLength: 12,
        requireLower: false,
        requireUpper: false,
        requireDigit: false,
        requireSymbol: false,
      },
      lockout: { maxFailures: 5, minutes: 15 },
      rateLimit: { loginsPerMinute: 10, connectsPerMinute: 30 },
      policy: {},
    });
  });

  it('keeps given values and defaults the rest of a nested object', () => {
    const config = parseConfig({
      lockout: { maxFailures: 3 },
      passwordPolicy: { requireDigit: true },
    });

    expect(config.lockout).toEqual({ maxFailures: 3, minutes: 15 });
    expect(config.passwordPolicy).toMatchObject({ minLength: 12, requireDigit: true });
  });

  it('refuses unknown keys, naming them, so a typo never leaves a default in force', () => {
    expect(() => parseConfig({ lockout: { maxFailure: 3 } })).toThrow(/lockout/);
    expect(() => parseConfig({ sessionTTL: 5 })).toThrow(/sessionTTL|Unrecognized/);
  });

  it('accepts only an https forgot-password link', () => {
    expect(
      parseConfig({ forgotPasswordUrl: 'https://id.example.com/reset' }).forgotPasswordUrl,
    ).toBe('https://id.example.com/reset');
    expect(() => parseConfig({ forgotPasswordUrl: 'http://id.example.com/reset' })).toThrow(
      /forgotPasswordUrl/,
    );
  });

  it('refuses a policy the client would not accept', () => {
    expect(() => parseConfig({ policy: { notificationContent: 'everything' } })).toThrow(/policy/);
  });

  it('loads a JSON file and says which file is broken', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-config-'));
    try {
      const good = path.join(dir, 'good.json');
      const bad = path.join(dir, 'bad.json');
      await writeFile(good, JSON.stringify({ mfa: 'required', idleTimeoutMinutes: 10 }));
      await writeFile(bad, '{ "mfa": ');

      expect(await loadConfigFile(good)).toMatchObject({ mfa: 'required', idleTimeoutMinutes: 10 });
      await expect(loadConfigFile(bad)).rejects.toThrow(/bad\.json is not valid JSON/);
      await expect(loadConfigFile(path.join(dir, 'missing.json'))).rejects.toThrow(/cannot read/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
