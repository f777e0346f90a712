import { useLayoutEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';

import type { Channel } from '../../../common/protocol';
import { LIMITS } from '../../../common/limits';
import { sendMessage } from '../app/message-actions';
import { notifyTyping } from '../app/typing-notifier';
import { useStore } from '../store/store';

/** The counter appears once this few characters remain. */
const COUNTER_FROM = 500;
const MAX_HEIGHT_PX = 200;

/** Enter sends, Shift+Enter starts a new line. */
export function Composer({ channel }: { channel: Channel }) {
  const draft = useStore((state) => state.drafts[channel.id] ?? '');
  const setDraft = useStore((state) => state.setDraft);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const remaining = LIMITS.messageBodyChars - draft.length;
  const body = draft.trim();
  const canSend = body.length > 0 && remaining >= 0;

  // Grow with the text up to a limit, then scroll.
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!input) return;

    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [draft]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;

    setDraft(channel.id, '');
    void sendMessage(channel.id, body);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const onChange = (text: string) => {
    setDraft(channel.id, text);
    if (text.trim()) notifyTyping(channel.id);
  };

  return (
    <form className="composer" onSubmit={submit}>
      <textarea
        ref={inputRef}
        className="composer-input"
        aria-label={`Message #${channel.name}`}
        placeholder={`Message #${channel.name}`}
        value={draft}
        rows={1}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer-side">
        {remaining < COUNTER_FROM && (
          <span
            className={remaining < 0 ? 'char-counter is-over' : 'char-counter'}
            aria-live="polite"
          >
            {remaining >= 0 ? `${remaining} characters left` : `${-remaining} characters too many`}
          </span>
        )}
        <button type="submit" className="button button-primary" disabled={!canSend}>
          Send
        </button>
      </div>
    </form>
  );
}
