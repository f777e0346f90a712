import type { Message } from '../../../common/protocol';

/**
 * Merges messages into a channel's list: one entry per id, sorted by seq. A copy we already hold
 * at the same or a newer rev wins, so a late duplicate never undoes an edit or a delete.
 * Returns the same array when nothing changed, so subscribers do not re-render.
 */
export function mergeMessages(list: readonly Message[], incoming: readonly Message[]): Message[] {
  const byId = new Map(list.map((message) => [message.id, message]));
  let changed = false;

  for (const message of incoming) {
    const held = byId.get(message.id);
    if (held && held.rev >= message.rev) continue;

    byId.set(message.id, message);
    changed = true;
  }

  if (!changed) return list as Message[];

  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}
