import type { IncomingMessage, ServerResponse } from 'node:http';

import type { FakeServer } from './fake-server';

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      } catch {
        resolve({});
      }
    });
  });
}

/** /api/info, /api/login and /api/logout of the fake server. */
export async function routeRest(
  server: FakeServer,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'https://x').pathname;
  if (path.startsWith('/socket.io')) return; // socket.io handles its own
  const hasAuthorization = typeof req.headers.authorization === 'string';
  server.received.rest.push({ method: req.method ?? '', path, hasAuthorization });
  const { protocolVersion, minProtocolVersion } = server.behaviour;

  if (req.method === 'GET' && path === '/api/info') {
    return send(res, 200, { name: 'Fake', protocolVersion, minProtocolVersion });
  }
  if (req.method === 'POST' && path === '/api/login') {
    const body = await readJson(req);
    const username = String(body.username);
    if (server.chat.passwords.get(username) !== body.password) {
      return send(res, 401, { error: { code: 'bad_credentials', message: 'Wrong credentials.' } });
    }
    const token = server.login(username);
    const user = server.chat.users.find((u) => u.username === username);
    return send(res, 200, { token, user, expiresAt: null });
  }
  if (req.method === 'POST' && path === '/api/logout') {
    server.tokens.delete(String(req.headers.authorization).replace(/^Bearer /, ''));
    return send(res, 204);
  }
  return send(res, 404, { error: { code: 'not_found', message: 'No such endpoint.' } });
}
