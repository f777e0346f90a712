import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RestErrorSchema } from '../../common/protocol';
import { totpCodeAt } from '../auth/totp';
import type { RunningServer } from '../index';
import { TestClock } from '../testing/clock';
import { login, makeTempDir, removeDir, startTestServer, withToken } from '../testing/harness';

const errorOf = (json: unknown) => RestErrorSchema.parse(json).error;

describe('REST: MFA enrolment needs the password and limits wrong codes', () => {
  let dir: string;
  let server: RunningServer;
  let token: string;
  const clock = new TestClock();

  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startTestServer(dir, { now: clock.now });
    await server.admin.createUser({
      username: 'gina',
      displayName: 'Gina',
      role: 'member',
      password: 'gina-password-1',
    });
    token = await login(server, 'gina', 'gina-password-1');
  });

  afterAll(async () => {
    await server?.close();
    await removeDir(dir);
  });

  it('answers an enrol request without the current password with 400 invalid_input', async () => {
    const answer = await withToken(server, token, 'POST', '/api/mfa/enroll', {});

    expect(answer.status).toBe(400);
    expect(errorOf(answer.json)).toEqual({
      code: 'invalid_input',
      message: 'Send the current password.',
    });
  });

  it('answers a wrong current password with 401 bad_credentials', async () => {
    const answer = await withToken(server, token, 'POST', '/api/mfa/enroll', {
      currentPassword: 'a-thiefs-guess',
    });

    expect(answer.status).toBe(401);
    expect(errorOf(answer.json).code).toBe('bad_credentials');
  });

  it('answers the fifth wrong confirmation code with 429 and Retry-After', async () => {
    const enrol = await withToken(server, token, 'POST', '/api/mfa/enroll', {
      currentPassword: 'gina-password-1',
    });
    const { secret } = enrol.json as { secret: string };
    const valid = [-30_000, 0, 30_000].map((offset) => totpCodeAt(secret, clock.now() + offset));
    const wrong = ['000000', '000001', '000002', '000003'].find((code) => !valid.includes(code));

    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await withToken(server, token, 'POST', '/api/mfa/confirm', { code: wrong })).status,
      );
    }
    const limited = await withToken(server, token, 'POST', '/api/mfa/confirm', { code: wrong });

    expect(statuses).toEqual([400, 400, 400, 400]);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(errorOf(limited.json)).toMatchObject({
      code: 'rate_limited',
      retryAt: clock.now() + 60_000,
    });
  });
});
