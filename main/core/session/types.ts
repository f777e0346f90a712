import type { z } from 'zod';

import type { BridgeEvent, ParsedBridgeInput, SessionInfo } from '../../../common/bridge';
import type { Result } from '../../../common/result';
import type { AuditLog } from '../audit/audit-log';
import type { ReconnectOptions } from '../connection/backoff';
import type { SessionEnd } from '../connection/refusals';
import type { CredentialStore, ServerAccount } from '../credentials';
import type { CreateLogger } from '../log/logger';
import type { RestApi } from '../net/api';
import type { Trust } from '../net/trust';
import type { Attempt } from './attempt';
import type { NotificationsPort, PolicyPort } from './ports';
import type { SessionView } from './view';

export interface SessionDeps {
  api: RestApi;
  trust: Trust;
  view: SessionView;
  emit(event: BridgeEvent): void;
  loggers: CreateLogger;
  ackTimeoutMs: number;
  readyTimeoutMs: number;
  requestTimeoutMs: number;
  reconnect: ReconnectOptions;
  dataDir: string | null;
  credentials: CredentialStore | null;
  audit: AuditLog;
  policy: PolicyPort;
  notifications: NotificationsPort;
  /** After a session ended and its cache closed (policy `eraseCacheOnRevocation` hooks in here). */
  onSessionEnded?(ended: {
    account: ServerAccount;
    code: SessionEnd['code'] | 'logout';
  }): void | Promise<void>;
}

export interface SessionController {
  login(input: ParsedBridgeInput<'login'>): Promise<Result<SessionInfo>>;
  /** Start-up: brings back a remembered session, painted from the cache before the network answers. */
  restore(): Promise<void>;
  /** Ends the session on request; `reason` stays null. */
  logout(): Promise<void>;
  changePassword(input: ParsedBridgeInput<'changePassword'>): Promise<Result<null>>;
  request<T>(event: string, payload: unknown, schema: z.ZodType<T>): Promise<Result<T>>;
  notify(event: string, payload: unknown): void;
  isOnline(): boolean;
  /** The signed-in account, if any (its cache and outbox). */
  active(): Attempt | null;
  /** Disconnects without telling the server. */
  close(): void;
  /**
   * The app is closing: disconnects, and a session that is not remembered is logged out on the
   * server (best effort, at most `timeoutMs`), so its memory-only token is not left valid.
   */
  quit(timeoutMs: number): Promise<void>;
}
