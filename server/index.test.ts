import { describe, expect, it } from 'vitest';

import { DEMO_ACCOUNTS } from './demo/accounts';
import { connect, login, makeTempDir, removeDir, startTestServer } from './testing/harness';

describe('server lifecycle', () => {
  it('closes every connection and starts again on the same port and data', async () => {
    const dir = await makeTempDir();
    try {
      const first = await startTestServer(dir);
      await first.admin.createUser({
        username: 'alice',
        displayName: 'Alice',
        role: 'member',
        password: 'alice-password',
      });
      const token = await login(first, 'alice', 'alice-password');
      const { socket } = await connect(first, token);
      const dropped = new Promise((resolve) => socket.once('disconnect', resolve));

      await first.close();
      await dropped;
      socket.close();

      const second = await startTestServer(dir, { port: first.port });
      try {
        expect(second.port).toBe(first.port);
        expect(second.caFingerprint).toBe(first.caFingerprint);
        const again = await connect(second, token);
        expect(again.ready.user.username).toBe('alice');
        again.socket.close();
      } finally {
        await second.close();
      }
    } finally {
      await removeDir(dir);
    }
  });

  it('seeds the demo data once, with a busy #general', async () => {
    const dir = await makeTempDir();
    try {
      const server = await startTestServer(dir, { demo: true });
      await server.close();
      const again = await startTestServer(dir, { demo: true });
      try {
        expect(again.admin.listUsers().map((u) => u.username)).toEqual(['alice', 'bob', 'carol']);
        expect(again.admin.findChannel('general').lastRev).toBeGreaterThanOrEqual(300);

        const alice = DEMO_ACCOUNTS[0];
        const token = await login(again, alice.username, alice.password);
        const { socket, ready } = await connect(again, token);
        expect(ready.channels.map((c) => c.name)).toEqual(['engineering', 'general', 'random']);
        socket.close();
      } finally {
        await again.close();
      }
    } finally {
      await removeDir(dir);
    }
  });

  it('rejects a second server on a port that is in use', async () => {
    const dir = await makeTempDir();
    const other = await makeTempDir();
    try {
      const server = await startTestServer(dir);
      try {
        await expect(startTestServer(other, { port: server.port })).rejects.toMatchObject({
          code: 'EADDRINUSE',
        });
      } finally {
        await server.close();
      }
    } finally {
      await removeDir(dir);
      await removeDir(other);
    }
  });
});
