import type { BridgeHandlers } from '../../../common/bridge';
import { ClientEvents, HistoryPageSchema, MessageSchema } from '../../../common/protocol';
import { ok } from '../../../common/result';
import type { SessionController } from './controller';

export const HISTORY_PAGE_SIZE = 50;

type MessageHandlers = Pick<
  BridgeHandlers,
  'loadMessages' | 'sendMessage' | 'editMessage' | 'deleteMessage' | 'notifyTyping'
>;

/**
 * The message operations: each is one acknowledged socket request.
 * TODO(core): sends while offline fail with `not_connected`; the outbox (later issue) will
 * queue them instead and resend with the same clientId.
 */
export function createMessageHandlers(
  session: SessionController,
  options: { typingThrottleMs: number; now?: () => number },
): MessageHandlers {
  const now = options.now ?? Date.now;
  const lastTyping = new Map<string, number>();

  return {
    loadMessages: ({ channelId, beforeSeq }) =>
      session.request(
        ClientEvents.history,
        { channelId, limit: HISTORY_PAGE_SIZE, ...(beforeSeq === undefined ? {} : { beforeSeq }) },
        HistoryPageSchema,
      ),
    sendMessage: ({ channelId, clientId, body }) =>
      session.request(ClientEvents.send, { channelId, clientId, body }, MessageSchema),
    editMessage: ({ messageId, body }) =>
      session.request(ClientEvents.edit, { messageId, body }, MessageSchema),
    deleteMessage: ({ messageId }) =>
      session.request(ClientEvents.delete, { messageId }, MessageSchema),

    async notifyTyping({ channelId }) {
      // A hint only: at most one per channel per throttle window, and nothing while offline.
      const last = lastTyping.get(channelId) ?? -Infinity;
      if (!session.isOnline() || now() - last < options.typingThrottleMs) return ok(null);
      lastTyping.set(channelId, now());
      session.notify(ClientEvents.typing, { channelId });
      return ok(null);
    },
  };
}
