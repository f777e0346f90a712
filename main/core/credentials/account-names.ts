import { createHash } from 'node:crypto';

import { UsernameSchema } from '../../../common/protocol';
import type { CredentialKind } from './errors';

/** The one keychain service every Parley credential lives under. */
export const KEYCHAIN_SERVICE = 'Parley';

/** One person's account on one chat server. */
export interface ServerAccount {
  serverUrl: string;
  username: string;
}

const KINDS: readonly CredentialKind[] = ['session-token', 'cache-key'];

/**
 * The server part of an account name: the URL's origin as WHATWG URL writes it (https only,
 * lower-case host, punycode, default port dropped, no path), so every spelling of one server
 * address names the same keychain entry.
 */
export function serverOrigin(serverUrl: string): string {
  const url = URL.canParse(serverUrl) ? new URL(serverUrl) : null;
  if (url?.protocol !== 'https:') {
    throw new TypeError('A keychain account needs an https:// server address.');
  }
  return url.origin;
}

function checkedUsername(username: string): string {
  if (!UsernameSchema.safeParse(username).success) {
    throw new TypeError('A keychain account needs a valid Parley username.');
  }
  return username;
}

/**
 * Keychain account names, one per credential, all under the service `Parley`:
 *
 *   session-token:<username>@<origin>    e.g. session-token:alice@https://chat.example.com
 *   cache-key:<username>@<origin>        e.g. cache-key:alice@https://chat.example.com:8443
 *
 * Usernames are lower-case [a-z0-9._-] (the server's rule), so the first '@' always ends it.
 */
export function accountName(kind: CredentialKind, account: ServerAccount): string {
  return `${kind}:${checkedUsername(account.username)}@${serverOrigin(account.serverUrl)}`;
}

/** The reverse of accountName; null for a name this scheme did not make. */
export function parseAccountName(
  name: string,
): { kind: CredentialKind; account: ServerAccount } | null {
  const match = /^([a-z-]+):([^@]+)@(https:\/\/.+)$/.exec(name);
  const kind = KINDS.find((candidate) => candidate === match?.[1]);
  if (!match || !kind) return null;

  const account = { serverUrl: match[3] ?? '', username: match[2] ?? '' };
  try {
    return accountName(kind, account) === name ? { kind, account } : null;
  } catch {
    return null;
  }
}

/** What a log line may say about an account: the server origin and a short hash of the name. */
export function accountLogFields(account: ServerAccount): { origin: string; accountHash: string } {
  const origin = serverOrigin(account.serverUrl);
  const accountHash = createHash('sha256')
    .update(`${account.username}@${origin}`)
    .digest('hex')
    .slice(0, 16);
  return { origin, accountHash };
}
