import { memo } from 'react';

import type { Message } from '../../../common/protocol';
import { useStore } from '../store/store';
import { AuthorLine } from './AuthorLine';
import { Avatar } from './Avatar';
import { EditBox } from './EditBox';
import { MessageActions } from './MessageActions';
import { MessageBody } from './MessageBody';

export const MessageRow = memo(function MessageRow({
  message,
  grouped,
}: {
  message: Message;
  grouped: boolean;
}) {
  const isOwn = useStore((state) => state.session?.user.id === message.authorId);
  // Organisation policy may forbid editing and deleting; main refuses them anyway.
  const isEditing = useStore((state) => state.editingMessageId === message.id);
  const isHighlighted = useStore((state) => state.highlightedMessageId === message.id);
  const mayChange = useStore((state) => state.policy.allowEditDelete);

  const classes = [
    'message',
    grouped && 'is-grouped',
    isEditing && 'is-editing',
    isHighlighted && 'is-highlighted',
  ];

  return (
    <article className={classes.filter(Boolean).join(' ')} data-message-id={message.id}>
      <div className="message-aside">{grouped ? null : <Avatar userId={message.authorId} />}</div>
      <div className="message-main">
        <AuthorLine authorId={message.authorId} at={message.createdAt} grouped={grouped} />
        {message.deleted ? (
          <p className="message-deleted">This message was deleted.</p>
        ) : isEditing ? (
          <EditBox message={message} />
        ) : (
          <div className="message-content">
            <MessageBody body={message.body} />
            {message.editedAt !== null && <span className="message-edited">(edited)</span>}
          </div>
        )}
      </div>
      {isOwn && mayChange && !message.deleted && !isEditing && (
        <MessageActions messageId={message.id} />
      )}
    </article>
  );
});
