import { call } from './bridge';

/** At most one "I am typing" notice per channel in this interval. */
export const TYPING_NOTIFY_INTERVAL_MS = 3_000;

export function createTypingNotifier(
  send: (channelId: string) => void,
  now: () => number = () => Date.now(),
): (channelId: string) => void {
  const lastSent = new Map<string, number>();

  return (channelId) => {
    const last = lastSent.get(channelId);
    if (last !== undefined && now() - last < TYPING_NOTIFY_INTERVAL_MS) return;

    lastSent.set(channelId, now());
    send(channelId);
  };
}

export const notifyTyping = createTypingNotifier((channelId) => {
  void call((parley) => parley.notifyTyping({ channelId }));
});
