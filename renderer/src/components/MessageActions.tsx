import { useStore } from '../store/store';

/** Edit and Delete for the user's own messages; shown on hover and on keyboard focus. */
export function MessageActions({ messageId }: { messageId: string }) {
  const startEditing = useStore((state) => state.startEditing);
  const askDelete = useStore((state) => state.askDelete);

  return (
    <div className="message-actions">
      <button type="button" className="action-button" onClick={() => startEditing(messageId)}>
        Edit
      </button>
      <button
        type="button"
        className="action-button is-danger"
        onClick={() => askDelete(messageId)}
      >
        Delete
      </button>
    </div>
  );
}
