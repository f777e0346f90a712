import { describe, expect, it } from 'vitest';

import { createTypingNotifier, TYPING_NOTIFY_INTERVAL_MS } from './typing-notifier';

describe('typing notifier', () => {
  it('sends at most one notice per channel per interval', () => {
    let now = 0;
    const sent: string[] = [];
    const notify = createTypingNotifier(
      (channelId) => sent.push(channelId),
      () => now,
    );

    notify('a');
    notify('a');
    notify('b');
    now += TYPING_NOTIFY_INTERVAL_MS - 1;
    notify('a');
    now += 1;
    notify('a');

    expect(sent).toEqual(['a', 'b', 'a']);
  });
});
