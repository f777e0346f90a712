import type { PeerCertificate } from 'node:tls';

import type { AppError, CertificateProblem } from '../../../common/result';
import { REASON_WORDS, certificateReason, describeCertificate } from './certificate';

/** TLS failures that are not about the certificate. */
const TLS_EXPLANATIONS: Record<string, string> = {
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'the server only offers an outdated TLS version',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'the server only offers an outdated TLS version',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server did not answer with TLS',
};

const PROXY_MESSAGES: Record<string, string> = {
  ERR_PARLEY_PROXY_CONFIG: 'The proxy setting (HTTPS_PROXY) is not a valid http:// proxy address.',
  ERR_PARLEY_PROXY_REFUSED: 'The proxy refused to connect Parley to the server.',
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

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : '';
}

type TlsFailure = Error & { cert?: PeerCertificate; certificateProblem?: CertificateProblem };

/** The error (or the one it wraps) that carries a certificate: ws and socket.io nest it. */
function findCertificateError(error: unknown, depth = 0): TlsFailure | null {
  if (depth > 4 || typeof error !== 'object' || error === null) return null;
  const record = error as Record<string, unknown>;
  if (record.certificateProblem || record.cert) return error as TlsFailure;
  for (const field of ['error', 'cause', 'description', 'context']) {
    const found = findCertificateError(record[field], depth + 1);
    if (found) return found;
  }
  return null;
}

/** A refused certificate: why, in plain words, and the certificate itself for IT. */
export function certificateRefused(certificate: CertificateProblem): AppError {
  return {
    code: 'certificate_refused',
    message: `Parley refused the server\u2019s security certificate because ${REASON_WORDS[certificate.reason]}.`,
    certificate,
  };
}

/** Maps a low-level connection failure to one of the closed codes with a plain explanation. */
export function classifyNetworkError(error: unknown): AppError {
  const code = findErrorCode(error);
  const reason = certificateReason(code);
  if (reason) {
    const carrier = findCertificateError(error);
    return certificateRefused(carrier?.certificateProblem ?? describeCertificate(reason, carrier?.cert)); // prettier-ignore
  }
  if (code && PROXY_MESSAGES[code]) return { code: 'network', message: PROXY_MESSAGES[code] };

  const explanation = code ? TLS_EXPLANATIONS[code] : undefined;
  if (explanation) {
    return {
      code: 'tls',
      message: `A secure connection to the server could not be set up because ${explanation}.`,
    };
  }
  if (code === 'EPROTO' && /protocol version|unsupported protocol/i.test(errorMessage(error))) {
    return {
      code: 'tls',
      message: `A secure connection to the server could not be set up because ${TLS_EXPLANATIONS.ERR_SSL_UNSUPPORTED_PROTOCOL}.`,
    };
  }
  if (code === 'EPROTO' || code?.startsWith('ERR_SSL') || code?.startsWith('ERR_TLS')) {
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
