import type { BridgeHandlers, SearchHit } from '../../../common/bridge';
import {
  ClientEvents,
  HistoryPageSchema,
  MessageSchema,
  type Message,
} from '../../../common/protocol';
import { err, ok, type ErrorCode, type Result } from '../../../common/result';
import type { SessionController } from './controller';
import { fixedPolicy, type PolicyPort } from './ports';

export const HISTORY_PAGE_SIZE = 50;
export const SEARCH_RESULTS_MAX = 50;
/** Well inside the server's coarsest idle timeout, and far below its event rate limit. */
export const ACTIVITY_INTERVAL_MS = 60_000;

type MessageHandlers = Pick<
  BridgeHandlers,
  | 'loadMessages'
  | 'sendMessage'
  | 'editMessage'
  | 'deleteMessage'
  | 'notifyTyping'
  | 'reportActivity'
  | 'searchMessages'
  | 'retrySend'
  | 'discardUnsent'
>;

const SIGNED_OUT = 'Sign in first.';
const EDIT_DELETE_DENIED =
  "Your organisation's policy does not allow editing or deleting messages.";
/** Failures after which the cached page is the best answer there is. */
const UNREACHABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'not_connected',
  'timeout',
  'network',
]);

/**
 * The message operations. Reads come from the server when online and from the encrypted cache
 * otherwise; everything the server returns is written to the cache. Sends go through the
 * account's outbox, which stores them before anything leaves.
 */
export function createMessageHandlers(
  session: SessionController,
  options: {
    typingThrottleMs: number;
    now?: () => number;
    /** `allowEditDelete` is read on every edit and delete. Default: DEFAULT_POLICY. */
    policy?: Pick<PolicyPort, 'current'>;
  },
): MessageHandlers {
  const now = options.now ?? Date.now;
  const policy = options.policy ?? fixedPolicy();
  /** Checked here, before anything leaves; the server may refuse on its own too. */
  const mayEditDelete = () => policy.current().allowEditDelete;
  const lastTyping = new Map<string, number>();
  let lastActivity = -Infinity;

  /** Writes a server answer to the cache if the same session is still signed in. */
  function cacheAnswer<T>(
    active: ReturnType<SessionController['active']>,
    result: Result<T>,
    messages: (value: T) => Message[],
  ) {
    if (result.ok && active && session.active() === active)
      active.storage.cache.applyMessages(messages(result.value));
    return result;
  }

  return {
    async loadMessages({ channelId, beforeSeq }) {
      const active = session.active();
      const request = {
        channelId,
        limit: HISTORY_PAGE_SIZE,
        ...(beforeSeq === undefined ? {} : { beforeSeq }),
      };
      if (session.isOnline() || !active) {
        const page = await session.request(ClientEvents.history, request, HistoryPageSchema);
        cacheAnswer(active, page, (value) => value.messages);
        if (page.ok || !active || session.active() !== active || !UNREACHABLE.has(page.error.code))
          return page;
      }
      return ok(
        active.storage.cache.latestPage(channelId, { beforeSeq, limit: HISTORY_PAGE_SIZE }),
      );
    },
    async sendMessage(input) {
      const active = session.active();
      return active ? active.outbox.submit(input) : err('not_connected', SIGNED_OUT);
    },
    async editMessage({ messageId, body }) {
      if (!mayEditDelete()) return err('policy_denied', EDIT_DELETE_DENIED);
      const active = session.active();
      const result = await session.request(ClientEvents.edit, { messageId, body }, MessageSchema);
      return cacheAnswer(active, result, (message) => [message]);
    },
    async deleteMessage({ messageId }) {
      if (!mayEditDelete()) return err('policy_denied', EDIT_DELETE_DENIED);
      const active = session.active();
      const result = await session.request(ClientEvents.delete, { messageId }, MessageSchema);
      return cacheAnswer(active, result, (message) => [message]);
    },
    async notifyTyping({ channelId }) {
      // A hint only: at most one per channel per throttle window, and nothing while offline.
      const last = lastTyping.get(channelId) ?? -Infinity;
      if (!session.isOnline() || now() - last < options.typingThrottleMs) return ok(null);
      lastTyping.set(channelId, now());
      session.notify(ClientEvents.typing, { channelId });
      return ok(null);
    },
    async reportActivity() {
      // At most one a minute, and only over a live connection: offline, the session cannot idle.
      if (!session.isOnline() || now() - lastActivity < ACTIVITY_INTERVAL_MS) return ok(null);
      lastActivity = now();
      session.notify(ClientEvents.activity, {});
      return ok(null);
    },
    async searchMessages({ query, channelId }) {
      const cache = session.active()?.storage.cache;
      if (!cache) return err('not_connected', SIGNED_OUT);
      const channels = new Map(cache.listChannels().map((c) => [c.id, c.name]));
      const users = new Map(cache.listUsers().map((u) => [u.id, u.displayName || u.username]));
      const results = cache.search(query, {
        limit: SEARCH_RESULTS_MAX,
        ...(channelId ? { channelId } : {}),
      });
      return ok(
        results.map<SearchHit>(({ message, snippet }) => ({
          message,
          channelName: channels.get(message.channelId) ?? message.channelId,
          authorName: users.get(message.authorId) ?? 'Unknown',
          segments: snippet,
        })),
      );
    },
    async retrySend({ clientId }) {
      const active = session.active();
      return active ? active.outbox.retry(clientId) : err('not_connected', SIGNED_OUT);
    },
    async discardUnsent({ clientId }) {
      const active = session.active();
      return active ? active.outbox.discard(clientId) : err('not_connected', SIGNED_OUT);
    },
  };
}
