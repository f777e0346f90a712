import type { BridgeEvent } from '../../../common/bridge';

/** The clock the batcher schedules flushes on; injectable so tests need not wait. */
export interface BatchTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimer: BatchTimer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface BatcherOptions {
  flush(batch: BridgeEvent[]): void;
  /** At most one timed flush per interval. */
  intervalMs?: number;
  /** A batch this long is flushed at once. */
  maxBatch?: number;
  timer?: BatchTimer;
  onFlushError?(error: unknown): void;
}

export interface EventBatcher {
  push(event: BridgeEvent): void;
  flushNow(): void;
  /** Flushes what is queued and stops. */
  dispose(): void;
}

function typingKey(event: BridgeEvent): string | null {
  return event.type === 'typing' ? `${event.channelId}\u0000${event.userId}` : null;
}

/**
 * Queues events for the renderer and hands them over as one array at most every `intervalMs`
 * (or at once when `maxBatch` is reached), in order. A typing event already queued for the same
 * channel and user is not queued again.
 */
export function createEventBatcher(options: BatcherOptions): EventBatcher {
  const intervalMs = options.intervalMs ?? 16;
  const maxBatch = options.maxBatch ?? 250;
  const timer = options.timer ?? realTimer;
  let queue: BridgeEvent[] = [];
  let queuedTyping = new Set<string>();
  let handle: unknown = null;
  let disposed = false;

  function flushNow(): void {
    if (handle !== null) timer.clear(handle);
    handle = null;
    if (queue.length === 0) return;

    const batch = queue;
    queue = [];
    queuedTyping = new Set();
    try {
      options.flush(batch);
    } catch (error) {
      options.onFlushError?.(error);
    }
  }

  function push(event: BridgeEvent): void {
    if (disposed) return;
    const key = typingKey(event);
    if (key !== null) {
      if (queuedTyping.has(key)) return;
      queuedTyping.add(key);
    }

    queue.push(event);
    if (queue.length >= maxBatch) flushNow();
    else if (handle === null) handle = timer.set(flushNow, intervalMs);
  }

  return {
    push,
    flushNow,
    dispose() {
      flushNow();
      disposed = true;
    },
  };
}
