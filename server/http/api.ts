import type { IncomingMessage, ServerResponse } from 'node:http';

import { z } from 'zod';

import { LoginRequestSchema, type LoginResponse, type ServerInfo } from '../../common/protocol';
import type { AuthService } from '../auth/sessions';
import { ServiceError, toAppError } from '../errors';
import type { Logger } from '../log';
import {
  MAX_PROTOCOL_VERSION,
  MIN_PROTOCOL_VERSION,
  protocolMismatchMessage,
  supportsProtocol,
} from '../protocol-version';
import { readJsonBody } from './body';
import { applySecurityHeaders, sendEmpty, sendError, sendJson, statusOf } from './respond';

export interface ApiDeps {
  auth: AuthService;
  log: Logger;
  serverName: string;
}

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The REST side: everything that happens before a socket exists. */
export function createApiHandler(deps: ApiDeps) {
  const routes: Record<string, Partial<Record<string, Route>>> = {
    '/api/info': { GET: async (_req, res) => sendJson(res, 200, info(deps.serverName)) },
    '/api/login': { POST: (req, res) => login(deps, req, res) },
    '/api/logout': { POST: (req, res) => logout(deps, req, res) },
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applySecurityHeaders(res);
    const path = (req.url ?? '/').split('?')[0]!;
    const methods = routes[path];
    const route = methods?.[req.method ?? 'GET'];

    try {
      if (!methods) throw new ServiceError('not_found', 'There is nothing at this address.');
      if (!route) {
        res.setHeader('Allow', Object.keys(methods).join(', '));
        return sendError(res, 405, 'invalid_input', 'This method is not allowed here.');
      }
      await route(req, res);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'server_error') {
        deps.log.error({ event: 'http.error', path, err: error }, 'request failed');
      }
      if (!res.headersSent)
        sendError(res, statusOf(appError.code), appError.code, appError.message);
    }
  };
}

function info(name: string): ServerInfo {
  return {
    name,
    protocolVersion: MAX_PROTOCOL_VERSION,
    minProtocolVersion: MIN_PROTOCOL_VERSION,
  };
}

async function login(deps: ApiDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonBody(req);
  const version = z.object({ protocolVersion: z.unknown() }).safeParse(body);
  const asked = version.success ? version.data.protocolVersion : undefined;
  if (typeof asked === 'number' && !supportsProtocol(asked)) {
    throw new ServiceError('protocol_mismatch', protocolMismatchMessage(asked));
  }

  const request = LoginRequestSchema.safeParse(body);
  if (!request.success) {
    throw new ServiceError('invalid_input', 'Send a username, a password and a protocol version.');
  }

  try {
    const result = await deps.auth.login(request.data.username, request.data.password);
    deps.log.info({ event: 'auth.login', userId: result.user.id, sessionId: result.sessionId });
    const response: LoginResponse = { token: result.token, user: result.user, expiresAt: null };
    sendJson(res, 200, response);
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'bad_credentials') {
      deps.log.warn({ event: 'auth.login_failed' });
    }
    throw error;
  }
}

async function logout(deps: ApiDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const match = /^Bearer ([A-Za-z0-9_-]{32,256})$/.exec(req.headers.authorization ?? '');
  if (!match) throw new ServiceError('unauthorized', 'Send the session token as a Bearer token.');

  const sessionId = deps.auth.logout(match[1]!);
  deps.log.info({ event: 'auth.logout', sessionId });
  sendEmpty(res, 204);
}
