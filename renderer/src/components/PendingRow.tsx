import { memo } from 'react';

import { discardUnsent, retryUnsent } from '../app/outbox-actions';
import { useStore } from '../store/store';
import type { Unsent } from '../store/unsent';
import { describeError } from '../text/error-text';
import { AuthorLine } from './AuthorLine';
import { Avatar } from './Avatar';
import { MessageBody } from './MessageBody';

/**
 * A message the user wrote that the server has not stored yet: waiting for a connection, being
 * sent, or failed with Retry and Discard. It goes away when the message itself arrives.
 */
export const PendingRow = memo(function PendingRow({
  send,
  grouped,
}: {
  send: Unsent;
  grouped: boolean;
}) {
  const myId = useStore((state) => state.session?.user.id ?? '');
  const online = useStore((state) => state.connection === 'online');
  const failed = send.state === 'failed';
  const status = failed ? 'failed' : 'pending';

  return (
    <article
      className={`message is-pending${failed ? ' is-failed' : ''}${grouped ? ' is-grouped' : ''}`}
      data-client-id={send.clientId}
      data-status={status}
    >
      <div className="message-aside">{grouped ? null : <Avatar userId={myId} />}</div>
      <div className="message-main">
        <AuthorLine authorId={myId} at={send.createdAt} grouped={grouped} />
        <div className="message-content">
          <MessageBody body={send.body} />
        </div>
        {failed ? (
          <p className="send-status is-failed">
            Not sent. {errorText(send.error)}{' '}
            <button type="button" className="link-button" onClick={() => void retryUnsent(send)}>
              Retry
            </button>{' '}
            <button type="button" className="link-button" onClick={() => void discardUnsent(send)}>
              Discard
            </button>
          </p>
        ) : (
          <p className="send-status">
            {send.state === 'sending' || online ? 'Sending…' : 'Waiting for connection…'}
          </p>
        )}
      </div>
    </article>
  );
});

function errorText(error: Unsent['error']): string {
  if (error === null) return '';

  return typeof error === 'string' ? error : describeError(error);
}
