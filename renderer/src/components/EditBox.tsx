import { useState, type KeyboardEvent } from 'react';

import type { Message } from '../../../common/protocol';
import { LIMITS } from '../../../common/limits';
import { saveEdit } from '../app/message-actions';
import { useStore } from '../store/store';
import { describeError } from '../text/error-text';

/** Inline editor: Enter saves, Shift+Enter adds a line, Escape cancels. */
export function EditBox({ message }: { message: Message }) {
  const startEditing = useStore((state) => state.startEditing);
  const [text, setText] = useState(message.body);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const cancel = () => startEditing(null);

  const save = async () => {
    const body = text.trim();
    if (body === message.body) return cancel();
    if (!body || body.length > LIMITS.messageBodyChars || saving) return;

    setSaving(true);
    const result = await saveEdit(message.id, body);
    setSaving(false);

    if (!result.ok) setError(describeError(result.error));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save();
    }
  };

  return (
    <div className="edit-box">
      <textarea
        className="edit-input"
        aria-label="Edit message"
        value={text}
        maxLength={LIMITS.messageBodyChars}
        rows={Math.min(8, text.split('\n').length)}
        autoFocus
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="edit-hint">
        <span>Enter to save · Esc to cancel</span>
        <button type="button" className="button button-quiet" onClick={cancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={saving}
          onClick={() => void save()}
        >
          Save
        </button>
      </div>
    </div>
  );
}
