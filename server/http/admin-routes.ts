import { z } from 'zod';

import { IdSchema, UsernameSchema } from '../../common/protocol';
import { ReasonSchema } from '../admin/commands';
import { ServiceError } from '../errors';
import { readJsonBody } from './body';
import { sendJson } from './respond';
import type { RouteTable, SessionContext } from './route';

/** Administrator calls; the router refuses them (403 `forbidden`) to anyone but an admin. */
export const adminRoutes: RouteTable = {
  '/api/admin/sessions': { GET: { access: 'admin', handle: listSessions } },
  '/api/admin/revoke': { POST: { access: 'admin', handle: revoke } },
};

/** A session as an administrator sees it: never its token or the token's hash. */
export interface AdminSessionListing {
  id: string;
  userId: string;
  username: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  state: 'live' | 'revoked' | 'expired';
  revokedAt: number | null;
  revokeReason: string | null;
}

/** GET /api/admin/sessions → 200 { sessions: AdminSessionListing[] }, oldest first. */
function listSessions({ res, deps }: SessionContext): void {
  const sessions: AdminSessionListing[] = deps.admin.listSessions().map((session) => ({
    ...session,
    ...deps.auth.status(session),
  }));
  sendJson(res, 200, { sessions });
}

const reason = ReasonSchema.optional();
const RevokeRequestSchema = z.union([
  z.strictObject({ sessionId: IdSchema, reason }),
  z.strictObject({ username: UsernameSchema, reason }),
  z.strictObject({ all: z.literal(true), reason }),
]);

/**
 * POST /api/admin/revoke `{ sessionId } | { username } | { all: true }`, optional `reason`
 * → 200 { revoked: count }. Live sockets get `session:revoked` with the reason at once.
 */
async function revoke({ req, res, deps, session, address }: SessionContext): Promise<void> {
  const request = RevokeRequestSchema.safeParse(await readJsonBody(req));
  if (!request.success) {
    throw new ServiceError(
      'invalid_input',
      'Send { sessionId }, { username } or { all: true }, with an optional reason of at most 200 characters.',
    );
  }

  const input = request.data;
  let revoked: number;
  let target: Record<string, unknown>;
  if ('sessionId' in input) {
    deps.admin.revokeSession(input.sessionId, input.reason);
    revoked = 1;
    target = { sessionId: input.sessionId };
  } else if ('username' in input) {
    revoked = deps.admin.revokeUser(input.username, input.reason);
    target = { username: input.username };
  } else {
    revoked = deps.admin.revokeAll(input.reason);
    target = { all: true };
  }

  deps.log.info({ event: 'admin.revoke', by: session.user.id, address, ...target, revoked });
  sendJson(res, 200, { revoked });
}
