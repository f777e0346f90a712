import { LIMITS } from '../../common/limits';
import {
  ClientEvents,
  DeleteMessageRequestSchema,
  EditMessageRequestSchema,
  HistoryRequestSchema,
  SendMessageRequestSchema,
  ServerEvents,
  SyncRequestSchema,
  TypingRequestSchema,
  ActivityRequestSchema,
} from '../../common/protocol';
import { ServiceError } from '../errors';
import { defineHandler, type EventHandler, type HandlerContext } from './guard';
import { channelRoom } from './types';

/**
 * The client events. message:new / edited / deleted go to the whole channel room, the sender's
 * own sockets included: clients upsert by message id, so their other devices stay in step.
 */
export const chatHandlers: EventHandler[] = [
  defineHandler({
    event: ClientEvents.send,
    schema: SendMessageRequestSchema,
    handle({ deps, socket }, input) {
      assertMember({ deps, socket }, input.channelId);
      const authorId = socket.data.user.id;
      const { message, created } = deps.store.messages.send({ ...input, authorId });

      if (created) {
        deps.io.to(channelRoom(message.channelId)).emit(ServerEvents.messageNew, message);
        deps.log.info({
          event: 'message.sent',
          messageId: message.id,
          channelId: message.channelId,
        });
      }
      return message;
    },
  }),

  defineHandler({
    event: ClientEvents.edit,
    schema: EditMessageRequestSchema,
    handle({ deps, socket }, input) {
      assertCanSee({ deps, socket }, input.messageId);
      const message = deps.store.messages.edit(input.messageId, socket.data.user.id, input.body);

      deps.io.to(channelRoom(message.channelId)).emit(ServerEvents.messageEdited, message);
      deps.log.info({ event: 'message.edited', messageId: message.id, rev: message.rev });
      return message;
    },
  }),

  defineHandler({
    event: ClientEvents.delete,
    schema: DeleteMessageRequestSchema,
    handle({ deps, socket }, input) {
      assertCanSee({ deps, socket }, input.messageId);
      const { message, changed } = deps.store.messages.delete(input.messageId, socket.data.user.id);

      if (changed) {
        deps.io.to(channelRoom(message.channelId)).emit(ServerEvents.messageDeleted, message);
        deps.log.info({ event: 'message.deleted', messageId: message.id, rev: message.rev });
      }
      return message;
    },
  }),

  defineHandler({
    event: ClientEvents.history,
    schema: HistoryRequestSchema,
    handle({ deps, socket }, input) {
      assertMember({ deps, socket }, input.channelId);
      return deps.store.messages.history(input.channelId, input.limit, input.beforeSeq);
    },
  }),

  defineHandler({
    event: ClientEvents.sync,
    schema: SyncRequestSchema,
    handle({ deps, socket }, input) {
      // Cursors for channels the user does not belong to are ignored; missing ones start at 0.
      const cursors = deps.store.channels.ofUser(socket.data.user.id).map((channel) => ({
        channelId: channel.id,
        rev: input.cursors[channel.id] ?? 0,
      }));
      return deps.store.messages.changesSince(cursors, LIMITS.syncBatchMax);
    },
  }),

  defineHandler({
    event: ClientEvents.typing,
    schema: TypingRequestSchema,
    acked: false,
    limiter: 'typing',
    handle({ deps, socket }, input) {
      assertMember({ deps, socket }, input.channelId);
      socket
        .to(channelRoom(input.channelId))
        .emit(ServerEvents.typing, { channelId: input.channelId, userId: socket.data.user.id });
      return null;
    },
  }),

  // The guard has already recorded the session's use; that is all activity means.
  defineHandler({
    event: ClientEvents.activity,
    schema: ActivityRequestSchema,
    acked: false,
    limiter: 'typing',
    handle: () => null,
  }),
];

function assertMember({ deps, socket }: HandlerContext, channelId: string): void {
  if (deps.store.channels.isMember(channelId, socket.data.user.id)) return;

  if (!deps.store.channels.byId(channelId)) {
    throw new ServiceError('not_found', 'That channel does not exist.');
  }
  throw new ServiceError('forbidden', 'You are not a member of that channel.');
}

/**
 * A message in a channel the user is not in answers exactly like one that does not exist, so
 * ids cannot be probed; only members go on to the author check (`forbidden`).
 */
function assertCanSee({ deps, socket }: HandlerContext, messageId: string): void {
  const message = deps.store.messages.byId(messageId);
  if (message && deps.store.channels.isMember(message.channelId, socket.data.user.id)) return;

  throw new ServiceError('not_found', 'That message does not exist.');
}
