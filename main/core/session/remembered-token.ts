import { readRememberedAccount, writeRememberedAccount } from '../account/remembered-account';
import type { CredentialStore, ServerAccount } from '../credentials';
import type { Logger } from '../log/logger';
import type { Attempt } from './attempt';

export interface TokenDeps {
  dataDir: string | null;
  credentials: CredentialStore | null;
  isCurrent(attempt: Attempt): boolean;
  notice(level: 'info' | 'warning', text: string): void;
  log: Logger;
}

const sameAccount = (a: ServerAccount, b: ServerAccount) =>
  a.username === b.username && a.serverUrl === b.serverUrl;

/**
 * After a sign-in: the token goes to the keychain when remembering is on (and allowed), else it
 * stays in memory and any token remembered earlier is deleted. accounts.json then names the
 * remembered account, or nothing. Returns whether the token is remembered.
 */
export async function keepToken(attempt: Attempt, deps: TokenDeps): Promise<boolean> {
  const { holder, account, token } = attempt;
  const { dataDir, credentials } = deps;
  if (!holder || !token || !dataDir) return false;

  const outcome = await holder.hold(token).catch(() => null);
  if (outcome?.remembered === false && outcome.because === 'keychain_unavailable') {
    deps.notice('warning', outcome.error.message);
  }
  if (!deps.isCurrent(attempt)) {
    await forgetRemembered(attempt, deps);
    return false;
  }

  // One remembered account at a time: another account's remembered token goes.
  const previous = readRememberedAccount(dataDir);
  if (previous && !sameAccount(previous, account)) {
    await credentials?.deleteToken(previous).catch(() => undefined);
  }
  const remembered = outcome?.remembered === true;
  const entry = remembered ? { ...account, userId: attempt.info.user.id } : null;
  writeRememberedAccount(dataDir, entry);
  return remembered;
}

/** At logout or when the server ended the session: the token is of no use any more. */
export async function forgetRemembered(attempt: Attempt, deps: TokenDeps): Promise<void> {
  await attempt.holder?.forget().catch(() => deps.log.warn({}, 'session.token_not_forgotten'));
  const { dataDir } = deps;
  const remembered = dataDir ? readRememberedAccount(dataDir) : null;
  if (dataDir && remembered && sameAccount(remembered, attempt.account)) {
    writeRememberedAccount(dataDir, null);
  }
}
