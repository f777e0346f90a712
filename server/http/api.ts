import type { IncomingMessage, ServerResponse } from 'node:http';

import { ServiceError, toAppError } from '../errors';
import { adminRoutes } from './admin-routes';
import { userRoutes } from './user-routes';
import { applySecurityHeaders, sendError } from './respond';
import type { ApiDeps, Route, RouteContext, RouteTable } from './route';

export type { ApiDeps } from './route';

const BEARER = /^Bearer ([A-Za-z0-9_-]{32,256})$/;

/** The REST side: everything that happens before a socket exists, plus admin calls. */
export function createApiHandler(deps: ApiDeps) {
  const routes: RouteTable = { ...userRoutes, ...adminRoutes };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applySecurityHeaders(res);
    const path = (req.url ?? '/').split('?')[0]!;
    const methods = routes[path];
    const route = methods?.[req.method ?? 'GET'];
    const context: RouteContext = { req, res, deps, address: req.socket.remoteAddress ?? '' };

    if (methods && !route) {
      res.setHeader('Allow', Object.keys(methods).join(', '));
      const error = { code: 'invalid_input', message: 'This method is not allowed here.' } as const;
      return sendError(res, error, deps.now(), 405);
    }

    try {
      if (!route) throw new ServiceError('not_found', 'There is nothing at this address.');
      await run(route, context, path);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'server_error') {
        deps.log.error({ event: 'http.error', path, err: error }, 'request failed');
      }
      if (!res.headersSent) sendError(res, appError, deps.now());
    }
  };
}

/** The one access check every route passes: the token is live and, for admin routes, an admin's. */
async function run(route: Route, context: RouteContext, path: string): Promise<void> {
  if (route.access === 'public') return route.handle(context);

  const match = BEARER.exec(context.req.headers.authorization ?? '');
  if (!match) throw new ServiceError('unauthorized', 'Send the session token as a Bearer token.');
  const session = context.deps.auth.authenticate(match[1]!);

  if (route.access === 'admin' && session.role !== 'admin') {
    context.deps.log.warn({
      event: 'admin.forbidden',
      userId: session.user.id,
      path,
      address: context.address,
    });
    throw new ServiceError('forbidden', 'Only an administrator may do this.');
  }
  return route.handle({ ...context, session });
}
