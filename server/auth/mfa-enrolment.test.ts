import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createAdminCommands } from '../admin/commands';
import { Store } from '../store/store';
import { makeAuth } from '../testing/auth';
import { TestClock } from '../testing/clock';
import { makeTempDir, removeDir } from '../testing/harness';
import { totpCodeAt } from './totp';

const PASSWORD = 'alice-password';

/** A six-digit code that is not valid for `secret` at `now` (valid ones are one step either side). */
function wrongCode(secret: string, now: number): string {
  const valid = [-30_000, 0, 30_000].map((offset) => totpCodeAt(secret, now + offset));
  for (let n = 0; n < 4; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.includes(code)) return code;
  }
  throw new Error('unreachable: three valid codes cannot cover four candidates');
}

describe('self-service MFA enrolment: password and wrong-code limits', () => {
  let dir: string;
  let store: Store;
  let clock: TestClock;
  let userId: string;

  beforeEach(async () => {
    dir = await makeTempDir();
    clock = new TestClock();
    store = Store.open(dir, clock.now);
    userId = (
      await createAdminCommands(store).createUser({
        username: 'alice',
        displayName: 'Alice',
        role: 'member',
        password: PASSWORD,
      })
    ).id;
  });

  afterEach(async () => {
    store.close();
    await removeDir(dir);
  });

  it('refuses to start enrolment with a wrong current password, and stores no secret', async () => {
    const { accounts } = makeAuth(store, { clock });

    await expect(accounts.enrollMfa(userId, 'not-the-password')).rejects.toMatchObject({
      code: 'bad_credentials',
      message: 'The current password is wrong.',
    });
    expect(store.users.byId(userId)!.mfaPendingSecret).toBeNull();
  });

  it('counts wrong enrolment passwords towards lockout, then refuses even the right one', async () => {
    const { accounts } = makeAuth(store, { clock, config: { lockout: { maxFailures: 2 } } });

    await expect(accounts.enrollMfa(userId, 'wrong-1')).rejects.toMatchObject({
      code: 'bad_credentials',
    });
    await expect(accounts.enrollMfa(userId, 'wrong-2')).rejects.toMatchObject({
      code: 'bad_credentials',
    });

    await expect(accounts.enrollMfa(userId, PASSWORD)).rejects.toMatchObject({
      code: 'account_locked',
      retryAt: clock.now() + 15 * 60_000,
    });
  });

  it('discards the pending enrolment at the fifth wrong code and answers rate_limited', async () => {
    const { accounts } = makeAuth(store, { clock });
    const { secret } = await accounts.enrollMfa(userId, PASSWORD);
    const wrong = wrongCode(secret, clock.now());

    for (let i = 0; i < 4; i++) {
      expect(() => accounts.confirmMfa(userId, wrong)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
    expect(() => accounts.confirmMfa(userId, wrong)).toThrow(
      expect.objectContaining({ code: 'rate_limited', retryAt: clock.now() + 60_000 }),
    );

    expect(store.users.byId(userId)!.mfaPendingSecret).toBeNull();
    expect(() => accounts.confirmMfa(userId, totpCodeAt(secret, clock.now()))).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        message: 'Start two-factor enrolment first.',
      }),
    );
  });

  it('refuses a new enrolment for a minute after one was discarded', async () => {
    const { accounts } = makeAuth(store, { clock });
    const { secret } = await accounts.enrollMfa(userId, PASSWORD);
    const wrong = wrongCode(secret, clock.now());
    for (let i = 0; i < 5; i++) expect(() => accounts.confirmMfa(userId, wrong)).toThrow();

    await expect(accounts.enrollMfa(userId, PASSWORD)).rejects.toMatchObject({
      code: 'rate_limited',
      retryAt: clock.now() + 60_000,
    });
    clock.advance(60_000);
    await expect(accounts.enrollMfa(userId, PASSWORD)).resolves.toMatchObject({
      secret: expect.any(String),
    });
  });

  it('gives a restarted enrolment a fresh count of wrong codes', async () => {
    const { accounts } = makeAuth(store, { clock });
    const first = await accounts.enrollMfa(userId, PASSWORD);
    const wrong = wrongCode(first.secret, clock.now());
    for (let i = 0; i < 4; i++) expect(() => accounts.confirmMfa(userId, wrong)).toThrow();

    const { secret } = await accounts.enrollMfa(userId, PASSWORD);
    const wrongAgain = wrongCode(secret, clock.now());
    expect(() => accounts.confirmMfa(userId, wrongAgain)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    accounts.confirmMfa(userId, totpCodeAt(secret, clock.now()));

    expect(store.users.byId(userId)!.mfaSecret).toBe(secret);
  });
});
