import {
  ChangePasswordRequestSchema,
  LoginResponseSchema,
  PROTOCOL_VERSION,
  type LoginResponse,
} from '../../../common/protocol';
import { err, type Result } from '../../../common/result';
import { checkProtocol, type RestApi } from '../net/api';
import { restRequest } from '../net/rest';
import type { Trust } from '../net/trust';

export interface SignInRequest {
  serverUrl: string;
  username: string;
  password: string;
  totpCode?: string;
}

/**
 * Server info and protocol check, then POST /api/login with the TOTP code when there is one.
 * The server's own words come through for `mfa_required`, `account_locked` and `rate_limited`
 * (the last two with `retryAt`).
 * TODO(core): net/api.ts `login` takes no TOTP code yet; fold this into it once net/ settles.
 */
export async function signIn(
  api: RestApi,
  trust: Trust,
  request: SignInRequest,
  timeoutMs: number,
): Promise<Result<LoginResponse>> {
  const info = await api.info(request.serverUrl);
  if (!info.ok) return info;
  const compatible = checkProtocol(info.value);
  if (!compatible.ok) return compatible;

  const checked = trust.checkUrl(request.serverUrl, '/api/login');
  if (!checked.ok) return checked;
  const { username, password, totpCode } = request;
  const json = {
    username,
    password,
    protocolVersion: PROTOCOL_VERSION,
    ...(totpCode ? { totpCode } : {}),
  };
  const result = await restRequest(trust, {
    method: 'POST',
    url: checked.value,
    json,
    schema: LoginResponseSchema,
    timeoutMs,
  });

  if (!result.ok && result.error.code === 'unauthorized') {
    return err('bad_credentials', 'The username or password is not right.');
  }
  return result;
}

/** POST /api/password (Bearer). The server ends the user's other sessions, not this one. */
export async function changePassword(
  trust: Trust,
  session: { serverUrl: string; token: string },
  passwords: { currentPassword: string; newPassword: string },
  timeoutMs: number,
): Promise<Result<undefined>> {
  const checked = trust.checkUrl(session.serverUrl, '/api/password');
  if (!checked.ok) return checked;
  const json = ChangePasswordRequestSchema.parse(passwords);
  return restRequest<undefined>(trust, {
    method: 'POST',
    url: checked.value,
    json,
    bearer: session.token,
    timeoutMs,
  });
}
