import type { IncomingMessage, ServerResponse } from 'node:http';

import type { AdminCommands } from '../admin/commands';
import type { AccountService } from '../auth/account';
import type { AuthenticatedSession, AuthService } from '../auth/sessions';
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Logger } from '../log';
import type { AddressLimiter } from '../rate-limit';

export interface ApiDeps {
  auth: AuthService;
  accounts: AccountService;
  admin: AdminCommands;
  config: ServerConfig;
  log: Logger;
  now: Clock;
  /** Log-in attempts per client address. */
  logins: AddressLimiter;
}

/**
 * Who may call a route. `session` needs a live Bearer token; `admin` needs one whose user has
 * the admin role, read from the database on every call. The router checks this, once.
 */
export type Access = 'public' | 'session' | 'admin';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  deps: ApiDeps;
  /** The client's address (the TCP peer; proxies' headers are not trusted). */
  address: string;
}

export interface SessionContext extends RouteContext {
  session: AuthenticatedSession;
}

export type Route =
  | { access: 'public'; handle(context: RouteContext): Promise<void> | void }
  | { access: 'session' | 'admin'; handle(context: SessionContext): Promise<void> | void };

export type RouteTable = Record<string, Partial<Record<string, Route>>>;
