import { memo } from 'react';

import { retrySend } from '../app/message-actions';
import type { PendingSend } from '../store/types';
import { describeError } from '../text/error-text';
import { useStore } from '../store/store';
import { AuthorLine } from './AuthorLine';
import { Avatar } from './Avatar';
import { MessageBody } from './MessageBody';

/** A message the user sent that the server has not confirmed: sending, or failed with Retry. */
export const PendingRow = memo(function PendingRow({
  send,
  grouped,
}: {
  send: PendingSend;
  grouped: boolean;
}) {
  const myId = useStore((state) => state.session?.user.id ?? '');
  const failed = send.status === 'failed';

  return (
    <article
      className={`message is-pending${failed ? ' is-failed' : ''}${grouped ? ' is-grouped' : ''}`}
      data-client-id={send.clientId}
      data-status={send.status}
    >
      <div className="message-aside">{grouped ? null : <Avatar userId={myId} />}</div>
      <div className="message-main">
        <AuthorLine authorId={myId} at={send.createdAt} grouped={grouped} />
        <div className="message-content">
          <MessageBody body={send.body} />
        </div>
        {failed ? (
          <p className="send-status is-failed">
            Not sent. {send.error ? describeError(send.error) : ''}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => void retrySend(send.clientId)}
            >
              Retry
            </button>
          </p>
        ) : (
          <p className="send-status">Sending…</p>
        )}
      </div>
    </article>
  );
});
