import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '..');
const SCHEMA = path.join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json');

interface Target {
  target: string[];
}
interface BuilderConfig {
  asar: boolean;
  afterPack: string;
  files: unknown[];
  win: Target;
  nsis: Record<string, unknown>;
  mac: Target & {
    hardenedRuntime: boolean;
    entitlements: string;
    entitlementsInherit: string;
    notarize: boolean;
  };
  linux: Target;
  protocols: { name: string; schemes: string[] }[];
  publish: { provider: string; url: string; channel: string }[];
}
interface BuilderEnv {
  DEFAULT_UPDATE_URL: string;
  updateUrl(env: Record<string, string>): string;
  notarizationConfigured(env: Record<string, string>): boolean;
  windowsSigning(env: Record<string, string>): object;
}

const config = require('./electron-builder.config.cjs') as BuilderConfig;
const env = require('./builder-env.cjs') as BuilderEnv;

describe('the electron-builder configuration', () => {
  it("validates against electron-builder's own JSON schema", () => {
    const Ajv = require('ajv') as new (options: object) => {
      validate(schema: object, data: unknown): boolean;
      errors: unknown;
    };
    const ajv = new Ajv({ allErrors: true });

    const valid = ajv.validate(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object, config);

    expect(ajv.errors).toBeNull();
    expect(valid).toBe(true);
    expect(ajv.validate(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object, { asar: 'x' })).toBe(
      false,
    );
  });

  it('declares the parley:// deep-link scheme', () => {
    expect(config.protocols).toEqual([{ name: 'Parley', schemes: ['parley'] }]);
  });

  it('builds NSIS for Windows, DMG and zip for macOS, AppImage and deb for Linux', () => {
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
  });

  it('packs the app into an ASAR and flips the fuses after packing', () => {
    expect(config.asar).toBe(true);
    expect(config.afterPack).toBe('./build/fuses.cjs');

    const hook = require(path.join(ROOT, config.afterPack)) as unknown;
    expect(typeof hook).toBe('function');
  });

  it('ships the update public key inside the ASAR', () => {
    expect(config.files).toContainEqual({
      from: 'build',
      to: 'build',
      filter: ['update-public-key.pem'],
    });
    expect(readFileSync(path.join(ROOT, 'build', 'update-public-key.pem'), 'utf8')).toMatch(
      /^-----BEGIN PUBLIC KEY-----/,
    );
  });

  it('signs macOS with the hardened runtime and a minimal entitlements file', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);

    const entitlements = readFileSync(path.join(ROOT, config.mac.entitlements), 'utf8');
    const granted = [...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('publishes to one generic https feed', () => {
    expect(config.publish).toEqual([
      { provider: 'generic', url: expect.stringMatching(/^https:\/\//), channel: 'latest' },
    ]);
  });
});

describe('what the configuration reads from the environment', () => {
  it('takes the feed URL from PARLEY_UPDATE_URL and refuses plain http', () => {
    expect(env.updateUrl({})).toBe(env.DEFAULT_UPDATE_URL);
    expect(env.updateUrl({ PARLEY_UPDATE_URL: 'https://updates.example.com/parley' })).toBe(
      'https://updates.example.com/parley',
    );
    expect(() => env.updateUrl({ PARLEY_UPDATE_URL: 'http://updates.example.com' })).toThrow(
      /must be https/,
    );
  });

  it('notarises only with a complete set of Apple credentials', () => {
    expect(env.notarizationConfigured({})).toBe(false);
    expect(env.notarizationConfigured({ APPLE_ID: 'a', APPLE_TEAM_ID: 't' })).toBe(false);
    expect(
      env.notarizationConfigured({
        APPLE_ID: 'a',
        APPLE_APP_SPECIFIC_PASSWORD: 'p',
        APPLE_TEAM_ID: 't',
      }),
    ).toBe(true);
    expect(
      env.notarizationConfigured({
        APPLE_API_KEY: 'k',
        APPLE_API_KEY_ID: 'i',
        APPLE_API_ISSUER: 's',
      }),
    ).toBe(true);
  });

  it('checks the Windows publisher only when one is named', () => {
    expect(env.windowsSigning({})).toEqual({});
    expect(env.windowsSigning({ PARLEY_WIN_PUBLISHER_NAME: 'Parley Ltd' })).toEqual({
      signtoolOptions: { publisherName: ['Parley Ltd'] },
    });
  });
});
