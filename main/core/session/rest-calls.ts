import { ChangePasswordRequestSchema, type LoginResponse } from '../../../common/protocol';
import type { Result } from '../../../common/result';
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
 */
export async function signIn(api: RestApi, request: SignInRequest): Promise<Result<LoginResponse>> {
  const info = await api.info(request.serverUrl);
  if (!info.ok) return info;
  const compatible = checkProtocol(info.value);
  if (!compatible.ok) return compatible;

  const { serverUrl, username, password, totpCode } = request;
  return api.login(serverUrl, username, password, totpCode);
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
