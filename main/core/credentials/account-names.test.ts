import { describe, expect, it } from 'vitest';

import {
  accountLogFields,
  accountName,
  KEYCHAIN_SERVICE,
  parseAccountName,
  serverOrigin,
} from './account-names';

const alice = { serverUrl: 'https://chat.example.com', username: 'alice' };

describe('keychain account names', () => {
  it('names the token and the cache key of one account by kind, username and origin', () => {
    expect(KEYCHAIN_SERVICE).toBe('Parley');
    expect(accountName('session-token', alice)).toBe(
      'session-token:alice@https://chat.example.com',
    );
    expect(accountName('cache-key', alice)).toBe('cache-key:alice@https://chat.example.com');
  });

  it('gives every spelling of one server address the same name', () => {
    for (const serverUrl of [
      'https://chat.example.com/',
      'https://CHAT.Example.COM',
      'https://chat.example.com:443',
      'https://chat.example.com/some/path?x=1#y',
    ]) {
      expect(accountName('session-token', { ...alice, serverUrl })).toBe(
        'session-token:alice@https://chat.example.com',
      );
    }
  });

  it('keeps accounts on other ports, servers and usernames apart', () => {
    const names = new Set(
      [
        alice,
        { ...alice, serverUrl: 'https://chat.example.com:8443' },
        { ...alice, serverUrl: 'https://chat.example.org' },
        { ...alice, username: 'bob' },
      ].map((account) => accountName('session-token', account)),
    );
    expect(names.size).toBe(4);
  });

  it('refuses non-https servers and usernames outside the server rule', () => {
    expect(() =>
      accountName('session-token', { ...alice, serverUrl: 'http://chat.example.com' }),
    ).toThrow(TypeError);
    expect(() => accountName('session-token', { ...alice, serverUrl: 'not a url' })).toThrow(
      TypeError,
    );
    for (const username of ['', 'Alice', 'a@b', 'a:b', 'x'.repeat(65)]) {
      expect(() => accountName('cache-key', { ...alice, username })).toThrow(TypeError);
    }
  });

  it('parses its own names back and ignores names it did not make', () => {
    const account = { serverUrl: 'https://chat.example.com:8443', username: 'a.b-c_d' };
    expect(parseAccountName(accountName('cache-key', account))).toEqual({
      kind: 'cache-key',
      account,
    });

    for (const foreign of [
      'other:alice@https://chat.example.com',
      'session-token:alice@http://chat.example.com',
      'session-token:alice@https://chat.example.com/',
      'session-token:Alice@https://chat.example.com',
      'session-token:alice',
    ]) {
      expect(parseAccountName(foreign)).toBeNull();
    }
  });

  it('logs an origin and a hash, never the username', () => {
    const fields = accountLogFields(alice);
    expect(fields.origin).toBe(serverOrigin(alice.serverUrl));
    expect(fields.accountHash).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(fields)).not.toContain('alice');
    expect(accountLogFields({ ...alice, username: 'bob' }).accountHash).not.toBe(
      fields.accountHash,
    );
  });
});
