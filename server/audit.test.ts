import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ClientEvents } from '../common/protocol';
import { totpCodeAt } from './auth/totp';
import type { RunningServer } from './index';
import { TestClock } from './testing/clock';
import {
  call,
  connect,
  login,
  makeTempDir,
  removeDir,
  startTestServer,
  tryLogin,
  withToken,
} from './testing/harness';

/**
 * The server's log is an audit trail: security events by name, with user ids and addresses.
 * Here every secret the server handles passes through it once, and none may reach the log.
 */
describe('server audit log', () => {
  let dir: string;
  let server: RunningServer;
  const lines: string[] = [];
  const clock = new TestClock();
  const secrets: string[] = [];

  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startTestServer(dir, {
      quiet: false,
      now: clock.now,
      logDestination: { write: (line: string) => lines.push(line) },
    });
    const ann = await server.admin.createUser({
      username: 'ann',
      displayName: 'Ann',
      role: 'admin',
      password: 'ann-first-password',
    });
    const general = server.admin.createChannel({ name: 'general' });
    server.admin.addMember({ channelId: general.id, userId: ann.id });
    secrets.push('ann-first-password');

    await tryLogin(server, 'ann', 'a-wrong-password-guess');
    await tryLogin(server, 'nobody', 'a-guess-for-nobody');
    secrets.push('a-wrong-password-guess', 'a-guess-for-nobody');

    const token = await login(server, 'ann', 'ann-first-password');
    const { socket } = await connect(server, token);
    await call(socket, ClientEvents.send, {
      channelId: general.id,
      clientId: randomUUID(),
      body: 'the quarterly numbers are confidential',
    });
    socket.close();
    secrets.push(token, 'the quarterly numbers are confidential');

    const enrolment = await withToken(server, token, 'POST', '/api/mfa/enroll', {
      currentPassword: 'ann-first-password',
    });
    const { secret, otpauthUri } = enrolment.json as { secret: string; otpauthUri: string };
    const code = totpCodeAt(secret, clock.now());
    await withToken(server, token, 'POST', '/api/mfa/confirm', { code });
    clock.advance(30_000);
    const nextCode = totpCodeAt(secret, clock.now());
    const second = await tryLogin(server, 'ann', 'ann-first-password', nextCode);
    const secondToken = (second.json as { token: string }).token;
    // Codes are six digits, which a timestamp may contain by chance: look for them as strings.
    secrets.push(secret, otpauthUri, `"${code}"`, `"${nextCode}"`, secondToken);

    await withToken(server, secondToken, 'POST', '/api/password', {
      currentPassword: 'ann-first-password',
      newPassword: 'ann-second-password',
    });
    secrets.push('ann-second-password');
    await withToken(server, secondToken, 'POST', '/api/admin/revoke', {
      all: true,
      reason: 'drill',
    });
  });

  afterAll(async () => {
    await server?.close();
    await removeDir(dir);
  });

  it('records the security events by name with ids and addresses', () => {
    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const named = (name: string) => events.filter((e) => e.event === name);

    expect(named('auth.login_failed')).toHaveLength(2);
    expect(named('auth.login_failed')[0]).toMatchObject({
      address: '127.0.0.1',
      reason: 'password',
    });
    expect(named('auth.login')[0]).toMatchObject({
      userId: expect.any(String),
      sessionId: expect.any(String),
    });
    expect(named('mfa.enrolled')).toHaveLength(1);
    expect(named('auth.password_changed')).toHaveLength(1);
    expect(named('admin.revoke')[0]).toMatchObject({ all: true, by: expect.any(String) });
  });

  it('never contains a password, token, TOTP secret or code, or message body', () => {
    const text = lines.join('');

    expect(secrets).toHaveLength(11);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
