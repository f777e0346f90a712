import { z } from 'zod';

import { LIMITS } from '../../common/limits';
import {
  ChangePasswordRequestSchema,
  LoginRequestSchema,
  TotpCodeSchema,
  type LoginResponse,
  type ServerInfo,
} from '../../common/protocol';
import { ServiceError } from '../errors';
import {
  MAX_PROTOCOL_VERSION,
  MIN_PROTOCOL_VERSION,
  protocolVersionProblem,
} from '../protocol-version';
import { readJsonBody } from './body';
import { sendEmpty, sendJson } from './respond';
import type { RouteContext, RouteTable, SessionContext } from './route';

/** What any user does over REST: server info, log in and out, password, policy, MFA. */
export const userRoutes: RouteTable = {
  '/api/info': { GET: { access: 'public', handle: info } },
  '/api/login': { POST: { access: 'public', handle: login } },
  '/api/logout': { POST: { access: 'session', handle: logout } },
  '/api/password': { POST: { access: 'session', handle: changePassword } },
  '/api/policy': { GET: { access: 'session', handle: policy } },
  '/api/mfa/enroll': { POST: { access: 'session', handle: enrollMfa } },
  '/api/mfa/confirm': { POST: { access: 'session', handle: confirmMfa } },
};

/** GET /api/info → 200 ServerInfo. */
function info({ res, deps }: RouteContext): void {
  const answer: ServerInfo = {
    name: deps.config.name,
    protocolVersion: MAX_PROTOCOL_VERSION,
    minProtocolVersion: MIN_PROTOCOL_VERSION,
  };
  if (deps.config.forgotPasswordUrl) answer.forgotPasswordUrl = deps.config.forgotPasswordUrl;
  sendJson(res, 200, answer);
}

/** POST /api/login → 200 LoginResponse; rate-limited per address before anything else. */
async function login({ req, res, deps, address }: RouteContext): Promise<void> {
  const retryAt = deps.logins.take(address);
  if (retryAt !== null) {
    deps.log.warn({ event: 'auth.rate_limited', address });
    throw new ServiceError(
      'rate_limited',
      'Too many log-in attempts from this address. Wait and try again.',
      retryAt,
    );
  }

  const body = await readJsonBody(req);
  const version = z.object({ protocolVersion: z.unknown() }).safeParse(body);
  const asked = version.success ? version.data.protocolVersion : undefined;
  const mismatch = asked === undefined ? null : protocolVersionProblem(asked);
  if (mismatch !== null) throw new ServiceError('protocol_mismatch', mismatch);

  const request = LoginRequestSchema.safeParse(body);
  if (!request.success) {
    throw new ServiceError(
      'invalid_input',
      'Send a username, a password, a protocol version and, if asked, a six-digit code.',
    );
  }

  const { username, password, totpCode } = request.data;
  const result = await deps.auth.login({ username, password, totpCode, address });
  const answer: LoginResponse = {
    token: result.token,
    user: result.user,
    expiresAt: result.expiresAt,
  };
  sendJson(res, 200, answer);
}

/** POST /api/logout → 204; the token is refused from then on. */
function logout({ res, deps, session, address }: SessionContext): void {
  deps.auth.logout(session.sessionId);
  deps.log.info({
    event: 'auth.logout',
    userId: session.user.id,
    sessionId: session.sessionId,
    address,
  });
  sendEmpty(res, 204);
}

/** POST /api/password → 204; every other session of the user is revoked. */
async function changePassword({ req, res, deps, session }: SessionContext): Promise<void> {
  const request = ChangePasswordRequestSchema.safeParse(await readJsonBody(req));
  if (!request.success) {
    throw new ServiceError('invalid_input', 'Send the current password and the new one.');
  }

  await deps.accounts.changePassword(
    { sessionId: session.sessionId, userId: session.user.id },
    request.data.currentPassword,
    request.data.newPassword,
  );
  sendEmpty(res, 204);
}

/** GET /api/policy → 200 ServerPolicy. */
function policy({ res, deps }: SessionContext): void {
  sendJson(res, 200, deps.config.policy);
}

const EnrollMfaSchema = z.object({ currentPassword: z.string().min(1).max(LIMITS.passwordChars) });

/** POST /api/mfa/enroll { currentPassword } → 200 { secret, otpauthUri }; active once confirmed. */
async function enrollMfa({ req, res, deps, session }: SessionContext): Promise<void> {
  const request = EnrollMfaSchema.safeParse(await readJsonBody(req));
  if (!request.success) throw new ServiceError('invalid_input', 'Send the current password.');

  sendJson(res, 200, await deps.accounts.enrollMfa(session.user.id, request.data.currentPassword));
}

const ConfirmMfaSchema = z.object({ code: TotpCodeSchema });

/** POST /api/mfa/confirm { code } → 204. */
async function confirmMfa({ req, res, deps, session }: SessionContext): Promise<void> {
  const request = ConfirmMfaSchema.safeParse(await readJsonBody(req));
  if (!request.success) throw new ServiceError('invalid_input', 'Send the six-digit code.');

  deps.accounts.confirmMfa(session.user.id, request.data.code);
  sendEmpty(res, 204);
}
