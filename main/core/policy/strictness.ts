import type { NotificationContent } from '../../../common/policy';

/** Most private first: a stricter source may only move a value towards the front. */
const PRIVACY_ORDER: readonly NotificationContent[] = ['sender_only', 'sender_and_channel', 'full'];

export function morePrivate(a: NotificationContent, b: NotificationContent): NotificationContent {
  return PRIVACY_ORDER.indexOf(a) <= PRIVACY_ORDER.indexOf(b) ? a : b;
}

/** `null` means "any server"; a list narrows it. Two lists keep only what both allow. */
export function intersectServers(current: string[] | null, incoming: string[]): string[] {
  if (current === null) return [...new Set(incoming)];

  return current.filter((origin) => incoming.includes(origin));
}

/**
 * Pins list the keys an origin may present, any ONE of which suffices, so adding a pin to an
 * origin that already has pins would loosen it. A later source may pin new origins only.
 */
export function addPins(
  current: Record<string, string[]>,
  incoming: Record<string, string[]>,
): { pins: Record<string, string[]>; ignored: string[] } {
  const pins = { ...current };
  const ignored: string[] = [];

  for (const [origin, list] of Object.entries(incoming)) {
    if (pins[origin]) ignored.push(origin);
    else pins[origin] = [...list];
  }

  return { pins, ignored };
}
