import {
  LoginResponseSchema,
  PROTOCOL_VERSION,
  ServerInfoSchema,
  type LoginResponse,
  type ServerInfo,
} from '../../../common/protocol';
import { err, ok, type Result } from '../../../common/result';
import { restRequest } from './rest';
import type { Trust } from './trust';

/** The REST endpoints used before a socket exists: server info, log in, log out. */
export interface RestApi {
  info(serverUrl: string): Promise<Result<ServerInfo>>;
  /** With `totpCode` when the account has MFA; the server's own words come through otherwise. */
  login(
    serverUrl: string,
    username: string,
    password: string,
    totpCode?: string,
  ): Promise<Result<LoginResponse>>;
  logout(serverUrl: string, token: string): Promise<Result<undefined>>;
}

export function createRestApi(trust: Trust, timeoutMs = 10_000): RestApi {
  return {
    async info(serverUrl) {
      const checked = trust.checkUrl(serverUrl, '/api/info');
      if (!checked.ok) return checked;
      const url = checked.value;
      return restRequest(trust, { method: 'GET', url, schema: ServerInfoSchema, timeoutMs });
    },

    async login(serverUrl, username, password, totpCode) {
      const checked = trust.checkUrl(serverUrl, '/api/login');
      if (!checked.ok) return checked;
      const url = checked.value;

      const json = {
        username,
        password,
        protocolVersion: PROTOCOL_VERSION,
        ...(totpCode ? { totpCode } : {}),
      };
      const result = await restRequest(trust, {
        method: 'POST',
        url,
        json,
        schema: LoginResponseSchema,
        timeoutMs,
      });
      if (!result.ok && result.error.code === 'unauthorized') {
        return err('bad_credentials', 'The username or password is not right.');
      }
      return result;
    },

    async logout(serverUrl, token) {
      const checked = trust.checkUrl(serverUrl, '/api/logout');
      if (!checked.ok) return checked;
      const url = checked.value;
      return restRequest<undefined>(trust, { method: 'POST', url, bearer: token, timeoutMs });
    },
  };
}

/** The server speaks a range of protocol versions; ours must fall inside it. */
export function checkProtocol(info: ServerInfo): Result<null> {
  if (PROTOCOL_VERSION < info.minProtocolVersion) {
    return err(
      'protocol_mismatch',
      'This server needs a newer version of Parley. Please update the app.',
    );
  }
  if (PROTOCOL_VERSION > info.protocolVersion) {
    return err(
      'protocol_mismatch',
      'This server is older than this version of Parley. Ask your administrator to update it.',
    );
  }
  return ok(null);
}
