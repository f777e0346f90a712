import { describe, expect, it } from 'vitest';

import { compareVersions, isValidVersion } from './version';

describe('compareVersions', () => {
  it('orders by major, minor and patch numerically', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBe(1);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(compareVersions('0.9.9', '1.0.0')).toBe(-1);
  });

  it('puts a pre-release before its release, by semver rules', () => {
    expect(compareVersions('1.0.0-beta.2', '1.0.0')).toBe(-1);
    expect(compareVersions('1.0.0-beta.11', '1.0.0-beta.2')).toBe(1);
    expect(compareVersions('1.0.0-alpha', '1.0.0-alpha.1')).toBe(-1);
    expect(compareVersions('1.0.0-1', '1.0.0-alpha')).toBe(-1);
  });

  it('ignores build metadata and rejects what is not semver', () => {
    expect(compareVersions('1.0.0+build.5', '1.0.0')).toBe(0);
    expect(isValidVersion('1.0')).toBe(false);
    expect(isValidVersion('01.0.0')).toBe(false);
    expect(() => compareVersions('v1.0.0', '1.0.0')).toThrow();
  });
});
