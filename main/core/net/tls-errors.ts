import type { AppError } from '../../../common/result';

/** OpenSSL / Node error codes that mean the server's certificate was not accepted. */
const TLS_EXPLANATIONS: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it was issued by an authority this computer does not trust',
  UNABLE_TO_GET_ISSUER_CERT: 'it was issued by an authority this computer does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it was issued by an authority this computer does not trust',
  SELF_SIGNED_CERT_IN_CHAIN: 'it was issued by an authority this computer does not trust',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed and not trusted by this computer',
  CERT_UNTRUSTED: 'it was issued by an authority this computer does not trust',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet (check this computer\u2019s clock)',
  CERT_REVOKED: 'it has been revoked',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for a different server name',
  HOSTNAME_MISMATCH: 'it was issued for a different server name',
  CERT_SIGNATURE_FAILURE: 'its signature is invalid',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'the server only offers an outdated TLS version',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'the server only offers an outdated TLS version',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server did not answer with TLS',
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);

/** Finds a Node/OpenSSL error code in an error or in the error it wraps. */
export function findErrorCode(error: unknown, depth = 0): string | null {
  if (depth > 4 || typeof error !== 'object' || error === null) return null;
  const record = error as Record<string, unknown>;
  if (typeof record.code === 'string') return record.code;
  for (const field of ['error', 'cause', 'description', 'context']) {
    const found = findErrorCode(record[field], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Maps a low-level connection failure to one of the closed codes with a plain explanation. */
export function classifyNetworkError(error: unknown): AppError {
  const code = findErrorCode(error);
  const explanation = code ? TLS_EXPLANATIONS[code] : undefined;
  if (explanation) {
    return {
      code: 'tls',
      message: `Parley refused the server\u2019s security certificate because ${explanation}.`,
    };
  }
  if (code?.startsWith('ERR_SSL') || code?.startsWith('ERR_TLS')) {
    return { code: 'tls', message: 'A secure connection to the server could not be set up.' };
  }
  if (code === 'ETIMEDOUT') {
    return { code: 'timeout', message: 'The server took too long to answer.' };
  }
  if (code && NETWORK_CODES.has(code)) {
    return { code: 'network', message: 'Parley could not reach the server. Check the address.' };
  }
  return { code: 'network', message: 'The connection to the server failed.' };
}
