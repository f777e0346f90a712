import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

import { deleteMessage } from '../app/message-actions';
import { useStore } from '../store/store';

/** Asks before deleting one of the user's messages. Escape or Cancel keeps it. */
export function DeleteDialog() {
  const messageId = useStore((state) => state.deletingMessageId);
  const askDelete = useStore((state) => state.askDelete);
  const [busy, setBusy] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!messageId) return;

    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    return () => opener?.focus();
  }, [messageId]);

  if (!messageId) return null;

  const confirm = async () => {
    setBusy(true);
    await deleteMessage(messageId);
    setBusy(false);
  };

  // Keep Tab inside the dialog: it has just two buttons.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      askDelete(null);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      const next = document.activeElement === cancelRef.current ? deleteRef : cancelRef;
      next.current?.focus();
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={() => askDelete(null)}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="delete-dialog-title"
        aria-describedby="delete-dialog-text"
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <h2 id="delete-dialog-title" className="dialog-title">
          Delete message?
        </h2>
        <p id="delete-dialog-text">
          This can't be undone. Others will see that a message was deleted.
        </p>
        <div className="dialog-buttons">
          <button
            ref={cancelRef}
            type="button"
            className="button button-quiet"
            onClick={() => askDelete(null)}
          >
            Cancel
          </button>
          <button
            ref={deleteRef}
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => void confirm()}
          >
            Delete
          </button>
        </div>
      </div>
    </div>
  );
}
