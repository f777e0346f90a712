import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LIMITS } from '../../common/limits';
import { PROTOCOL_VERSION, RestErrorSchema, ServerInfoSchema } from '../../common/protocol';
import type { RunningServer } from '../index';
import {
  login,
  makeTempDir,
  postJson,
  removeDir,
  request,
  startTestServer,
} from '../testing/harness';

describe('REST over TLS', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startTestServer(dir);
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

  const loginBody = (password: string) => ({
    username: 'alice',
    password,
    protocolVersion: PROTOCOL_VERSION,
  });

  it('serves its info with security headers', async () => {
    const answer = await request(server, { method: 'GET', path: '/api/info' });

    expect(answer.status).toBe(200);
    expect(ServerInfoSchema.parse(answer.json).protocolVersion).toBe(PROTOCOL_VERSION);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['strict-transport-security']).toContain('max-age=');
  });

  it('logs in with the right password', async () => {
    const answer = await postJson(server, '/api/login', loginBody('alice-password'));

    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      user: { username: 'alice' },
      expiresAt: expect.any(Number),
    });
  });

  it('answers a wrong password or unknown user with 401 bad_credentials', async () => {
    const wrong = await postJson(server, '/api/login', loginBody('wrong-password'));
    const unknown = await postJson(server, '/api/login', { ...loginBody('x'), username: 'nobody' });

    expect(wrong.status).toBe(401);
    expect(RestErrorSchema.parse(wrong.json).error.code).toBe('bad_credentials');
    expect(unknown.json).toEqual(wrong.json);
  });

  it('answers malformed JSON with 400 invalid_input', async () => {
    const answer = await request(server, {
      method: 'POST',
      path: '/api/login',
      body: '{"username": "alice",',
      headers: { 'Content-Type': 'application/json' },
    });

    expect(answer.status).toBe(400);
    expect(RestErrorSchema.parse(answer.json).error.code).toBe('invalid_input');
  });

  it('answers a body that fails the schema with 400 invalid_input', async () => {
    const answer = await postJson(server, '/api/login', { username: 'ALICE!', password: 5 });

    expect(answer.status).toBe(400);
    expect(RestErrorSchema.parse(answer.json).error.code).toBe('invalid_input');
  });

  it('answers an oversized body with 413 too_large', async () => {
    const answer = await postJson(server, '/api/login', {
      ...loginBody('x'),
      padding: 'x'.repeat(LIMITS.restBodyBytes + 10),
    });

    expect(answer.status).toBe(413);
    expect(RestErrorSchema.parse(answer.json).error.code).toBe('too_large');
  });

  it('refuses an unsupported protocol version at login', async () => {
    const answer = await postJson(server, '/api/login', { ...loginBody('x'), protocolVersion: 99 });

    expect(answer.status).toBe(400);
    expect(RestErrorSchema.parse(answer.json).error.code).toBe('protocol_mismatch');
  });

  it('answers unknown paths with 404', async () => {
    const answer = await request(server, { method: 'GET', path: '/api/nope' });

    expect(answer.status).toBe(404);
    expect(RestErrorSchema.parse(answer.json).error.code).toBe('not_found');
  });

  it('logs out with the Bearer token, after which the token is refused', async () => {
    const token = await login(server, 'alice', 'alice-password');
    const logout = () =>
      request(server, {
        method: 'POST',
        path: '/api/logout',
        headers: { Authorization: `Bearer ${token}` },
      });

    expect((await logout()).status).toBe(204);
    const again = await logout();
    expect(again.status).toBe(401);
    expect(RestErrorSchema.parse(again.json).error.code).toBe('session_revoked');
  });
});
