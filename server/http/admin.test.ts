import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { RestErrorSchema, ServerEvents } from '../../common/protocol';
import type { RunningServer } from '../index';
import { Store } from '../store/store';
import {
  connect,
  login,
  makeTempDir,
  nextEvent,
  removeDir,
  startTestServer,
  withToken,
} from '../testing/harness';
import { adminRoutes, type AdminSessionListing } from './admin-routes';

const run = promisify(execFile);
const errorOf = (json: unknown) => RestErrorSchema.parse(json).error;

describe('admin REST', () => {
  let dir: string;
  let server: RunningServer;
  const open: Socket[] = [];

  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startTestServer(dir);
    const users = [
      ['root', 'admin'],
      ['alice', 'member'],
      ['bob', 'member'],
    ] as const;
    for (const [username, role] of users) {
      await server.admin.createUser({
        username,
        displayName: username,
        role,
        password: `${username}-password`,
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

  async function live(username: string) {
    const token = await login(server, username, `${username}-password`);
    const { socket } = await connect(server, token);
    open.push(socket);
    const revoked = nextEvent<{ reason: string }>(socket, ServerEvents.sessionRevoked, 2500);
    const dropped = nextEvent<string>(socket, 'disconnect', 3000);
    // Unobserved rejections would fail the run; tests that expect no event ignore them.
    revoked.catch(() => undefined);
    dropped.catch(() => undefined);
    return { token, socket, revoked, dropped };
  }

  /** One harmless call per admin endpoint; the table must cover every admin route. */
  const SAMPLES: Record<string, { method: string; body?: unknown }> = {
    '/api/admin/sessions': { method: 'GET' },
    '/api/admin/revoke': { method: 'POST', body: { username: 'bob', reason: 'role check' } },
  };

  it('checks the role on every admin endpoint: none 401, member 403, admin 200', async () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(adminRoutes).sort());
    const member = await login(server, 'alice', 'alice-password');
    const admin = await login(server, 'root', 'root-password');

    for (const [urlPath, { method, body }] of Object.entries(SAMPLES)) {
      const anonymous = await withToken(server, null, method, urlPath, body);
      expect([urlPath, anonymous.status, errorOf(anonymous.json).code]).toEqual([
        urlPath,
        401,
        'unauthorized',
      ]);

      const refused = await withToken(server, member, method, urlPath, body);
      expect([urlPath, refused.status, errorOf(refused.json).code]).toEqual([
        urlPath,
        403,
        'forbidden',
      ]);

      const allowed = await withToken(server, admin, method, urlPath, body);
      expect([urlPath, allowed.status]).toEqual([urlPath, 200]);
    }
  });

  it('reads the role from the database on every call', async () => {
    const token = await login(server, 'root', 'root-password');
    // Demote root behind the server's back, as another admin process could.
    const store = Store.open(dir);
    try {
      store.db.prepare("UPDATE users SET role = 'member' WHERE username = 'root'").run();
      expect((await withToken(server, token, 'GET', '/api/admin/sessions')).status).toBe(403);
      store.db.prepare("UPDATE users SET role = 'admin' WHERE username = 'root'").run();
      expect((await withToken(server, token, 'GET', '/api/admin/sessions')).status).toBe(200);
    } finally {
      store.close();
    }
  });

  it('lists sessions with their state and end, never a token or its hash', async () => {
    const admin = await login(server, 'root', 'root-password');
    const answer = await withToken(server, admin, 'GET', '/api/admin/sessions');
    const { sessions } = answer.json as { sessions: AdminSessionListing[] };

    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.find((s) => s.username === 'root' && s.state === 'live')).toBeDefined();
    expect(JSON.stringify(answer.json)).not.toMatch(/token/i);
    expect(JSON.stringify(answer.json)).not.toContain(admin);
  });

  it('revokes one session: its socket hears the reason, the other session lives', async () => {
    const admin = await login(server, 'root', 'root-password');
    const sessionIds = async () => {
      const answer = await withToken(server, admin, 'GET', '/api/admin/sessions');
      return (answer.json as { sessions: AdminSessionListing[] }).sessions.map((s) => s.id);
    };
    const before = await sessionIds();
    const first = await live('alice');
    const target = (await sessionIds()).find((id) => !before.includes(id))!;
    const second = await live('alice');

    const answer = await withToken(server, admin, 'POST', '/api/admin/revoke', {
      sessionId: target,
      reason: 'Laptop reported stolen',
    });
    expect(answer.json).toEqual({ revoked: 1 });

    expect(await first.revoked).toEqual({
      reason: 'Laptop reported stolen',
      cause: 'administrator',
    });
    expect(await first.dropped).toBe('io server disconnect');
    expect(second.socket.connected).toBe(true);
    expect((await withToken(server, second.token, 'GET', '/api/policy')).status).toBe(200);
  });

  it('revokes every session of a user, live sockets included', async () => {
    const admin = await login(server, 'root', 'root-password');
    const sockets = [await live('bob'), await live('bob')];

    const answer = await withToken(server, admin, 'POST', '/api/admin/revoke', {
      username: 'bob',
      reason: 'Left the company',
    });
    expect((answer.json as { revoked: number }).revoked).toBeGreaterThanOrEqual(2);

    for (const bob of sockets) {
      expect(await bob.revoked).toEqual({ reason: 'Left the company', cause: 'administrator' });
      const refused = await withToken(server, bob.token, 'GET', '/api/policy');
      expect(errorOf(refused.json).code).toBe('session_revoked');
    }
  });

  it('revokes every session on the server, the caller’s own included', async () => {
    const admin = await login(server, 'root', 'root-password');
    const sockets = [await live('alice'), await live('bob')];

    const answer = await withToken(server, admin, 'POST', '/api/admin/revoke', {
      all: true,
      reason: 'Security incident',
    });
    expect(answer.status).toBe(200);

    for (const user of sockets)
      expect(await user.revoked).toEqual({ reason: 'Security incident', cause: 'administrator' });
    const after = await withToken(server, admin, 'GET', '/api/admin/sessions');
    expect(errorOf(after.json).code).toBe('session_revoked');
  });

  it('answers a malformed revoke request with 400 and an unknown session with 404', async () => {
    const admin = await login(server, 'root', 'root-password');

    const malformed = await withToken(server, admin, 'POST', '/api/admin/revoke', {
      username: 'bob',
      all: true,
    });
    expect(malformed.status).toBe(400);
    const unknown = await withToken(server, admin, 'POST', '/api/admin/revoke', {
      sessionId: 's_nope',
    });
    expect(unknown.status).toBe(404);
  });

  it('revokes everyone from the admin command line, reaching live sockets', async () => {
    const alice = await live('alice');
    const cli = path.resolve(import.meta.dirname, '../cli/admin.ts');
    const tsx = path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx');

    const { stdout } = await run(
      tsx,
      [cli, 'revoke-all', '--reason', 'Maintenance', '--data', dir],
      {
        timeout: 20_000,
      },
    );
    expect(stdout).toMatch(/revoked \d+ session\(s\)/);
    expect(await alice.revoked).toEqual({ reason: 'Maintenance', cause: 'administrator' });
  }, 30_000);
});
