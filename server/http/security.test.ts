import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  ClientEvents,
  PROTOCOL_VERSION,
  RestErrorSchema,
  ServerEvents,
  ServerInfoSchema,
} from '../../common/protocol';
import { totpCodeAt } from '../auth/totp';
import type { RunningServer } from '../index';
import { TestClock } from '../testing/clock';
import {
  call,
  connect,
  login,
  makeTempDir,
  nextEvent,
  refusal,
  removeDir,
  request,
  startTestServer,
  tryLogin,
  withToken,
} from '../testing/harness';

const errorOf = (json: unknown) => RestErrorSchema.parse(json).error;

describe('REST: sessions, passwords, lockout and MFA under the server configuration', () => {
  let dir: string;
  let server: RunningServer;
  const clock = new TestClock();
  const open: Socket[] = [];
  const POLICY = { notificationContent: 'sender_only', eraseCacheOnRevocation: true } as const;

  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startTestServer(dir, {
      now: clock.now,
      sessionCheckIntervalMs: 100,
      config: {
        forgotPasswordUrl: 'https://id.example.com/reset',
        policy: POLICY,
        passwordPolicy: { minLength: 12, requireDigit: true },
      },
    });
    for (const username of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) {
      await server.admin.createUser({
        username,
        displayName: username,
        role: 'member',
        password: `${username}-password-1`,
      });
    }
  });

  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });

  afterAll(async () => {
    await server?.close();
    await removeDir(dir);
  });

  async function connectLive(token: string) {
    const connected = await connect(server, token);
    open.push(connected.socket);
    return connected;
  }

  it('names the forgot-password link in its info', async () => {
    const answer = await request(server, { method: 'GET', path: '/api/info' });

    expect(ServerInfoSchema.parse(answer.json).forgotPasswordUrl).toBe(
      'https://id.example.com/reset',
    );
  });

  it('serves its policy to a logged-in user at /api/policy and in ready', async () => {
    const token = await login(server, 'alice', 'alice-password-1');

    const answer = await withToken(server, token, 'GET', '/api/policy');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(POLICY);
    expect((await withToken(server, null, 'GET', '/api/policy')).status).toBe(401);

    const { ready } = await connectLive(token);
    expect(ready.policy).toEqual(POLICY);
  });

  describe('lockout', () => {
    it('answers the sixth wrong password with 423, retryAt and Retry-After', async () => {
      for (let i = 0; i < 5; i++) {
        expect((await tryLogin(server, 'bob', 'wrong-password')).status).toBe(401);
      }
      const sixth = await tryLogin(server, 'bob', 'wrong-password');

      expect(sixth.status).toBe(423);
      expect(errorOf(sixth.json)).toMatchObject({
        code: 'account_locked',
        retryAt: clock.now() + 15 * 60_000,
      });
      expect(sixth.headers['retry-after']).toBe('900');
    });

    it('refuses the right password while locked and accepts it after the lock', async () => {
      const locked = await tryLogin(server, 'bob', 'bob-password-1');
      expect(locked.status).toBe(423);

      clock.advanceMinutes(15);
      expect((await tryLogin(server, 'bob', 'bob-password-1')).status).toBe(200);
    });
  });

  describe('password policy and change', () => {
    it('refuses a weak password at user creation, saying what is missing', async () => {
      await expect(
        server.admin.createUser({
          username: 'weak',
          displayName: 'Weak',
          role: 'member',
          password: 'short',
        }),
      ).rejects.toMatchObject({
        code: 'password_policy',
        message: 'The password needs at least 12 characters and a digit.',
      });
    });

    it('answers a weak new password with 422 and a wrong current one with 401', async () => {
      const token = await login(server, 'carol', 'carol-password-1');

      const weak = await withToken(server, token, 'POST', '/api/password', {
        currentPassword: 'carol-password-1',
        newPassword: 'no-digits-in-here',
      });
      expect(weak.status).toBe(422);
      expect(errorOf(weak.json)).toEqual({
        code: 'password_policy',
        message: 'The password needs a digit.',
      });

      const wrong = await withToken(server, token, 'POST', '/api/password', {
        currentPassword: 'not-carols-password-1',
        newPassword: 'carol-new-password-2',
      });
      expect(wrong.status).toBe(401);
      expect(errorOf(wrong.json).code).toBe('bad_credentials');
    });

    it('ends every other session on a password change: their tokens are refused', async () => {
      const current = await login(server, 'dave', 'dave-password-1');
      const before = await login(server, 'dave', 'dave-password-1');
      const { socket } = await connectLive(before);
      const revoked = nextEvent<{ reason: string }>(socket, ServerEvents.sessionRevoked);

      const change = await withToken(server, current, 'POST', '/api/password', {
        currentPassword: 'dave-password-1',
        newPassword: 'dave-new-password-2',
      });
      expect(change.status).toBe(204);

      expect(await revoked).toEqual({ reason: 'Password changed', cause: 'password_changed' });
      const refused = await withToken(server, before, 'GET', '/api/policy');
      expect(refused.status).toBe(401);
      expect(errorOf(refused.json)).toMatchObject({
        code: 'session_revoked',
        message: expect.stringContaining('Password changed'),
        cause: 'password_changed',
      });
      const handshake = await refusal(server, { token: before, protocolVersion: PROTOCOL_VERSION });
      expect(handshake.message).toBe('session_revoked');

      expect((await withToken(server, current, 'GET', '/api/policy')).status).toBe(200);
      expect((await tryLogin(server, 'dave', 'dave-password-1')).status).toBe(401);
      expect((await tryLogin(server, 'dave', 'dave-new-password-2')).status).toBe(200);
    });
  });

  describe('session length and idle timeout', () => {
    it('refuses a session 12 hours after log in, even when in use, at REST and handshake', async () => {
      const token = await login(server, 'erin', 'erin-password-1');
      for (let minutes = 25; minutes < 720; minutes += 25) {
        clock.advanceMinutes(25);
        expect((await withToken(server, token, 'GET', '/api/policy')).status).toBe(200);
      }
      clock.advanceMinutes(720 - 700);

      const answer = await withToken(server, token, 'GET', '/api/policy');
      expect(answer.status).toBe(401);
      expect(errorOf(answer.json)).toEqual({
        code: 'session_expired',
        message: 'Your session expired after 12 hours.',
      });
      const handshake = await refusal(server, { token, protocolVersion: PROTOCOL_VERSION });
      expect(handshake.message).toBe('session_expired');
      expect(handshake.data).toMatchObject({ message: 'Your session expired after 12 hours.' });
    });

    it('refuses a session unused for 30 minutes, and keeps one used within them', async () => {
      const token = await login(server, 'erin', 'erin-password-1');
      clock.advanceMinutes(29);
      expect((await withToken(server, token, 'GET', '/api/policy')).status).toBe(200);
      clock.advanceMinutes(29);
      expect((await withToken(server, token, 'GET', '/api/policy')).status).toBe(200);
      clock.advanceMinutes(30);

      const answer = await withToken(server, token, 'GET', '/api/policy');
      expect(errorOf(answer.json)).toEqual({
        code: 'session_expired',
        message: 'Your session expired after 30 minutes without activity.',
      });
      const handshake = await refusal(server, { token, protocolVersion: PROTOCOL_VERSION });
      expect(handshake.data).toMatchObject({ code: 'session_expired' });
    });

    it('drops a live socket whose session went idle, without a revocation event', async () => {
      const token = await login(server, 'erin', 'erin-password-1');
      const { socket } = await connectLive(token);
      let revokedEvent = false;
      socket.on(ServerEvents.sessionRevoked, () => (revokedEvent = true));
      const dropped = nextEvent<string>(socket, 'disconnect', 2000);

      clock.advanceMinutes(31);
      expect(await dropped).toBe('io server disconnect');
      expect(revokedEvent).toBe(false);
      const again = await refusal(server, { token, protocolVersion: PROTOCOL_VERSION });
      expect(again.message).toBe('session_expired');
    });

    it('counts socket events as activity', async () => {
      const token = await login(server, 'erin', 'erin-password-1');
      const { socket } = await connectLive(token);

      clock.advanceMinutes(20);
      expect(await call(socket, ClientEvents.sync, { cursors: {} })).toMatchObject({ ok: true });
      clock.advanceMinutes(20);
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(socket.connected).toBe(true);
      expect((await withToken(server, token, 'GET', '/api/policy')).status).toBe(200);
    });

    it('keeps a reading user signed in through the activity event', async () => {
      const token = await login(server, 'erin', 'erin-password-1');
      const { socket } = await connectLive(token);

      for (let step = 0; step < 3; step += 1) {
        clock.advanceMinutes(20);
        socket.emit(ClientEvents.activity, {});
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      clock.advanceMinutes(20);
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(socket.connected).toBe(true);
      expect((await withToken(server, token, 'GET', '/api/policy')).status).toBe(200);
    });

    it('gives the absolute end of the session at log in', async () => {
      const answer = await tryLogin(server, 'erin', 'erin-password-1');

      expect(answer.json).toMatchObject({ expiresAt: clock.now() + 720 * 60_000 });
    });
  });

  describe('two-factor authentication', () => {
    it('enrols, confirms, then needs a fresh code at every log in', async () => {
      const token = await login(server, 'frank', 'frank-password-1');
      const enrol = await withToken(server, token, 'POST', '/api/mfa/enroll', {
        currentPassword: 'frank-password-1',
      });
      expect(enrol.status).toBe(200);
      const { secret, otpauthUri } = enrol.json as { secret: string; otpauthUri: string };
      expect(otpauthUri).toContain(`secret=${secret}`);

      const bad = await withToken(server, token, 'POST', '/api/mfa/confirm', { code: '12345' });
      expect(bad.status).toBe(400);
      const confirm = await withToken(server, token, 'POST', '/api/mfa/confirm', {
        code: totpCodeAt(secret, clock.now()),
      });
      expect(confirm.status).toBe(204);

      const noCode = await tryLogin(server, 'frank', 'frank-password-1');
      expect(noCode.status).toBe(401);
      expect(errorOf(noCode.json).code).toBe('mfa_required');
      const wrongPassword = await tryLogin(server, 'frank', 'not-franks-password-1');
      expect(errorOf(wrongPassword.json).code).toBe('bad_credentials');

      clock.advance(30_000);
      const code = totpCodeAt(secret, clock.now());
      expect((await tryLogin(server, 'frank', 'frank-password-1', code)).status).toBe(200);
      const replay = await tryLogin(server, 'frank', 'frank-password-1', code);
      expect(replay.status).toBe(401);
      expect(errorOf(replay.json).code).toBe('bad_credentials');
    });
  });
});

describe('REST and handshake: limits per client address', () => {
  let dir: string;
  let server: RunningServer;
  const clock = new TestClock();

  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startTestServer(dir, {
      now: clock.now,
      config: { rateLimit: { loginsPerMinute: 3, connectsPerMinute: 2 }, mfa: 'required' },
    });
    await server.admin.createUser({
      username: 'alice',
      displayName: 'Alice',
      role: 'member',
      password: 'alice-password',
    });
  });

  afterAll(async () => {
    await server?.close();
    await removeDir(dir);
  });

  it('refuses a user without MFA when the server requires it', async () => {
    const answer = await tryLogin(server, 'alice', 'alice-password');

    expect(answer.status).toBe(403);
    expect(errorOf(answer.json)).toEqual({
      code: 'forbidden',
      message:
        'Your organisation requires two-factor authentication; ask your administrator to enrol you.',
    });
  });

  it('answers log-ins over the rate with 429, Retry-After and retryAt, then refills', async () => {
    clock.advanceMinutes(1);
    for (let i = 0; i < 3; i++) {
      expect((await tryLogin(server, 'alice', 'wrong-password')).status).toBe(401);
    }
    const limited = await tryLogin(server, 'alice', 'wrong-password');

    expect(limited.status).toBe(429);
    expect(errorOf(limited.json)).toMatchObject({
      code: 'rate_limited',
      retryAt: clock.now() + 20_000,
    });
    expect(limited.headers['retry-after']).toBe('20');

    clock.advance(20_000);
    expect((await tryLogin(server, 'alice', 'wrong-password')).status).toBe(401);
  });

  it('refuses socket connects over the rate with rate_limited and retryAt', async () => {
    const auth = { token: 'x'.repeat(43), protocolVersion: PROTOCOL_VERSION };
    expect((await refusal(server, auth)).message).toBe('unauthorized');
    expect((await refusal(server, auth)).message).toBe('unauthorized');

    const limited = await refusal(server, auth);
    expect(limited.message).toBe('rate_limited');
    expect(limited.data).toMatchObject({ code: 'rate_limited', retryAt: clock.now() + 30_000 });
  });
});
