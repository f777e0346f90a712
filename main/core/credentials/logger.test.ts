import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { createLoggerFactory } from '../log/logger';
import { CredentialStore } from './credential-store';
import type { CredentialLogger } from './logger';
import { FakeKeychain } from './testing/fake-keychain';

describe('credential logging through the app logger', () => {
  it('accepts a pino child logger and writes event names without secrets', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger: CredentialLogger = createLoggerFactory({ destination })('credentials');
    const backend = new FakeKeychain();
    const store = new CredentialStore({ backend, logger, timeoutMs: 20 });
    const account = { serverUrl: 'https://chat.example.com', username: 'alice' };
    const token = 'tok_' + 'S'.repeat(40);

    await store.saveToken(account, token);
    const key = await store.getOrCreateCacheKey(account);
    backend.hang('getPassword');
    await expect(store.readToken(account)).rejects.toThrow();

    const output = lines.join('');
    expect(output).toContain('"msg":"credentials.cache_key_created"');
    expect(output).toContain('"msg":"credentials.keychain_timeout"');
    expect(output).toContain('"origin":"https://chat.example.com"');
    for (const secret of [token, key.toString('base64'), key.toString('hex'), 'alice']) {
      expect(output).not.toContain(secret);
    }
  });
});
