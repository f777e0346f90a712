import { HANDSHAKE_REFUSALS } from '../../../common/protocol';
import type { RevocationCause } from '../../../common/result';

export type HandshakeRefusal = (typeof HANDSHAKE_REFUSALS)[number];

/** Refusals after which this session can never connect again. */
export type SessionEndCode = Exclude<HandshakeRefusal, 'rate_limited'>;

export interface SessionEnd {
  code: SessionEndCode;
  /** Plain words for the person using the app. */
  reason: string;
}

const REASONS: Record<SessionEndCode, string> = {
  session_revoked: 'Your session was ended by an administrator.',
  session_expired: 'Your session expired. Please log in again.',
  unauthorized: 'The server no longer accepts this session. Please sign in again.',
  protocol_mismatch:
    'This version of Parley cannot talk to this server. Update Parley or ask your administrator.',
};

const PASSWORD_CHANGED =
  'Your password was changed, so this session ended. Log in with the new password.';

export function isHandshakeRefusal(value: unknown): value is HandshakeRefusal {
  return typeof value === 'string' && (HANDSHAKE_REFUSALS as readonly string[]).includes(value);
}

export function sessionEnd(code: SessionEndCode): SessionEnd {
  return { code, reason: REASONS[code] };
}

/**
 * A handshake or REST refusal. For `session_revoked` the server's message carries the
 * administrator's words, so a client that was offline when revoked shows the same sentence as
 * one that got the push.
 * CONTRACT: server/auth/sessions.ts `revokedMessage` words it "This session was ended: <reason>.";
 * any other wording is not shown (only our own sentence is).
 */
export function refusalEnd(
  code: SessionEndCode,
  serverMessage?: unknown,
  cause: RevocationCause = 'administrator',
): SessionEnd {
  if (code !== 'session_revoked') return sessionEnd(code);
  const words = typeof serverMessage === 'string' ? serverMessage.slice(0, 300) : '';
  const match = /^This session was ended: (.*)\.$/s.exec(words.trim());
  return revokedByServer(match?.[1] ?? '', cause);
}

/**
 * The `session:revoked` push: the administrator's reason when one was given, or that the user's
 * own password change ended it (from another device).
 */
export function revokedByServer(
  serverReason: string,
  cause: RevocationCause = 'administrator',
): SessionEnd {
  if (cause === 'password_changed') return { code: 'session_revoked', reason: PASSWORD_CHANGED };
  const reason = serverReason.trim();
  const base = REASONS.session_revoked;
  return { code: 'session_revoked', reason: reason ? `${base} Reason given: ${reason}` : base };
}
