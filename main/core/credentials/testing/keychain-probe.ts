/**
 * Child process for unreachable-keychain.keychain.test.ts: tries the real keytar backend
 * against the D-Bus session the parent chose and prints one JSON line per call. With
 * `lock-first` it locks the keyring's login collection first (no unlock prompt can appear
 * here). While a keytar call is stuck even process.exit() never returns, because Node waits
 * for the blocked worker thread at exit, so the parent kills this process in that case.
 */
import { execFileSync } from 'node:child_process';

import { CredentialStore } from '../credential-store';
import { createKeytarBackend } from '../keytar-backend';

const timeoutMs = Number(process.argv[2] ?? 1_000);
const store = new CredentialStore({ backend: createKeytarBackend(), timeoutMs });
const account = { serverUrl: 'https://chat.example.test', username: 'probe' };

async function attempt(call: string, run: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  try {
    await run();
    process.stdout.write(
      `${JSON.stringify({ call, ok: true, elapsedMs: Date.now() - started })}\n`,
    );
  } catch (error) {
    const { name, message, reason } = error as Error & { reason?: string };
    const elapsedMs = Date.now() - started;
    process.stdout.write(
      `${JSON.stringify({ call, ok: false, name, reason, message, elapsedMs })}\n`,
    );
  }
}

if (process.argv[3] === 'lock-first') {
  const login = '/org/freedesktop/secrets/collection/login';
  execFileSync('gdbus', [
    ...['call', '--session', '--dest', 'org.freedesktop.secrets'],
    ...['--object-path', '/org/freedesktop/secrets'],
    ...['--method', 'org.freedesktop.Secret.Service.Lock', `['${login}']`],
  ]);
}

await attempt('saveToken', () => store.saveToken(account, 'tok_' + 'P'.repeat(40)));
await attempt('getOrCreateCacheKey', () => store.getOrCreateCacheKey(account));
