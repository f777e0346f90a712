import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createAdminCommands } from '../admin/commands';
import type { ServerConfigInput } from '../config';
import { Store } from '../store/store';
import { makeAuth } from '../testing/auth';
import { TestClock } from '../testing/clock';
import { makeTempDir, removeDir } from '../testing/harness';
import { totpCodeAt } from './totp';

const PASSWORD = 'alice-password';

describe('log in: lockout and two-factor codes', () => {
  let dir: string;
  let store: Store;
  let clock: TestClock;

  beforeEach(async () => {
    dir = await makeTempDir();
    clock = new TestClock();
    store = Store.open(dir, clock.now);
    await createAdminCommands(store).createUser({
      username: 'alice',
      displayName: 'Alice',
      role: 'member',
      password: PASSWORD,
    });
  });

  afterEach(async () => {
    store.close();
    await removeDir(dir);
  });

  function setUp(config: ServerConfigInput = {}) {
    const services = makeAuth(store, { config, clock });
    const attempt = (password: string, totpCode?: string, username = 'alice') =>
      services.auth
        .login({ username, password, totpCode, address: '127.0.0.1' })
        .then(() => 'ok' as const)
        .catch((error: { code: string; retryAt?: number; message: string }) => error);
    return { ...services, attempt };
  }

  describe('lockout', () => {
    it('locks after five wrong passwords: the sixth says locked and until when', async () => {
      const { attempt } = setUp();

      for (let i = 0; i < 5; i++)
        expect(await attempt('wrong')).toMatchObject({ code: 'bad_credentials' });
      const sixth = await attempt('wrong');

      expect(sixth).toMatchObject({
        code: 'account_locked',
        retryAt: clock.now() + 15 * 60_000,
        message: 'Too many failed log-in attempts. Try again in 15 minutes.',
      });
    });

    it('refuses the right password while locked, and accepts it once the lock has passed', async () => {
      const { attempt } = setUp();
      for (let i = 0; i < 5; i++) await attempt('wrong');

      expect(await attempt(PASSWORD)).toMatchObject({ code: 'account_locked' });
      clock.advanceMinutes(14);
      expect(await attempt(PASSWORD)).toMatchObject({ code: 'account_locked' });
      clock.advanceMinutes(1);
      expect(await attempt(PASSWORD)).toBe('ok');
    });

    it('starts the count afresh after a success', async () => {
      const { attempt } = setUp();
      for (let i = 0; i < 4; i++) await attempt('wrong');

      expect(await attempt(PASSWORD)).toBe('ok');
      for (let i = 0; i < 4; i++)
        expect(await attempt('wrong')).toMatchObject({ code: 'bad_credentials' });
      expect(await attempt(PASSWORD)).toBe('ok');
    });

    it('answers an unknown username exactly like a known one, lock included', async () => {
      const { attempt } = setUp();
      const known: unknown[] = [];
      const unknown: unknown[] = [];
      for (let i = 0; i < 6; i++) {
        known.push(await attempt('wrong'));
        unknown.push(await attempt('wrong', undefined, 'mallory'));
      }

      expect(unknown).toEqual(known);
      expect(unknown.at(-1)).toMatchObject({ code: 'account_locked' });
    });

    it('follows the configured number of failures and minutes', async () => {
      const { attempt } = setUp({ lockout: { maxFailures: 2, minutes: 1 } });
      await attempt('wrong');
      await attempt('wrong');

      expect(await attempt(PASSWORD)).toMatchObject({
        code: 'account_locked',
        message: 'Too many failed log-in attempts. Try again in 1 minute.',
      });
      clock.advanceMinutes(1);
      expect(await attempt(PASSWORD)).toBe('ok');
    });

    it('cannot be outrun by a burst of parallel guesses', async () => {
      const { attempt } = setUp();
      const answers = await Promise.all(Array.from({ length: 12 }, () => attempt('wrong')));

      const codes = answers.map((answer) => (answer === 'ok' ? 'ok' : answer.code));
      expect(codes.filter((code) => code === 'bad_credentials')).toHaveLength(5);
      expect(codes.filter((code) => code === 'account_locked')).toHaveLength(7);
      expect(await attempt(PASSWORD)).toMatchObject({ code: 'account_locked' });
    });
  });

  describe('two-factor codes', () => {
    function enrolled(config: ServerConfigInput = {}) {
      const services = setUp(config);
      const { secret } = createAdminCommands(store).enrollMfa('alice');
      return { ...services, secret };
    }

    it('asks an enrolled user for a code only after the right password', async () => {
      const { attempt } = enrolled();

      expect(await attempt('wrong')).toMatchObject({ code: 'bad_credentials' });
      expect(await attempt(PASSWORD)).toMatchObject({
        code: 'mfa_required',
        message: 'Enter the six-digit code from your authenticator app.',
      });
    });

    it('logs in with the current code and refuses a wrong one as bad credentials', async () => {
      const { attempt, secret } = enrolled();
      const code = totpCodeAt(secret, clock.now());
      const wrong = code === '000000' ? '111111' : '000000';

      expect(await attempt(PASSWORD, wrong)).toMatchObject({ code: 'bad_credentials' });
      expect(await attempt(PASSWORD, code)).toBe('ok');
    });

    it('accepts a code one step old, for clock drift, but not two', async () => {
      const { attempt, secret } = enrolled();
      const code = totpCodeAt(secret, clock.now());
      clock.advance(30_000);

      expect(await attempt(PASSWORD, code)).toBe('ok');
      clock.advance(60_000);
      const stale = totpCodeAt(secret, clock.now() - 90_000);
      expect(await attempt(PASSWORD, stale)).toMatchObject({ code: 'bad_credentials' });
    });

    it('refuses a code that was already used, even within its window', async () => {
      const { attempt, secret } = enrolled();
      const code = totpCodeAt(secret, clock.now());

      expect(await attempt(PASSWORD, code)).toBe('ok');
      expect(await attempt(PASSWORD, code)).toMatchObject({ code: 'bad_credentials' });
      clock.advance(20_000);
      expect(await attempt(PASSWORD, code)).toMatchObject({ code: 'bad_credentials' });
    });

    it('counts wrong codes towards the lockout', async () => {
      const { attempt, secret } = enrolled();
      for (let i = 0; i < 5; i++) await attempt(PASSWORD, '000000');

      expect(await attempt(PASSWORD, totpCodeAt(secret, clock.now()))).toMatchObject({
        code: 'account_locked',
      });
    });

    it('does not count the code-less first step, so it cannot reset or fill the count', async () => {
      const { attempt } = enrolled();
      for (let i = 0; i < 4; i++) await attempt(PASSWORD, '000000');
      for (let i = 0; i < 3; i++)
        expect(await attempt(PASSWORD)).toMatchObject({ code: 'mfa_required' });

      expect(await attempt(PASSWORD, '000000')).toMatchObject({ code: 'bad_credentials' });
      expect(await attempt(PASSWORD)).toMatchObject({ code: 'account_locked' });
    });

    it('refuses a user without MFA when the server requires it, after the password', async () => {
      const { attempt } = setUp({ mfa: 'required' });

      expect(await attempt('wrong')).toMatchObject({ code: 'bad_credentials' });
      expect(await attempt(PASSWORD)).toMatchObject({
        code: 'forbidden',
        message:
          'Your organisation requires two-factor authentication; ask your administrator to enrol you.',
      });
    });

    it('enrols a user by self-service: the secret counts only once a code confirms it', async () => {
      const { accounts, attempt } = setUp();
      const user = store.users.byUsername('alice')!;
      const { secret, otpauthUri } = await accounts.enrollMfa(user.id, PASSWORD);

      expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Parley:alice\?secret=[A-Z2-7]+/);
      expect(await attempt(PASSWORD)).toBe('ok');
      expect(() => accounts.confirmMfa(user.id, '000000')).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );

      const code = totpCodeAt(secret, clock.now());
      accounts.confirmMfa(user.id, code);
      expect(await attempt(PASSWORD)).toMatchObject({ code: 'mfa_required' });
      expect(await attempt(PASSWORD, code)).toMatchObject({ code: 'bad_credentials' });
      clock.advance(30_000);
      expect(await attempt(PASSWORD, totpCodeAt(secret, clock.now()))).toBe('ok');
      await expect(accounts.enrollMfa(user.id, PASSWORD)).rejects.toMatchObject({
        code: 'forbidden',
      });
    });

    it('ignores enrolment when MFA is off on the server', async () => {
      const { attempt, accounts } = enrolled({ mfa: 'off' });

      expect(await attempt(PASSWORD)).toBe('ok');
      await expect(
        accounts.enrollMfa(store.users.byUsername('alice')!.id, PASSWORD),
      ).rejects.toMatchObject({ code: 'forbidden' });
    });
  });
});
