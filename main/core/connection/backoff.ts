/** Capped exponential backoff with jitter, shared by socket.io's Manager and manual retries. */
export interface ReconnectOptions {
  /** First delay; doubles on each attempt. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** 0..1: each delay is spread randomly by up to this fraction either way. */
  jitter: number;
}

export const DEFAULT_RECONNECT: ReconnectOptions = {
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  jitter: 0.5,
};

export function backoffDelay(
  attempt: number,
  options: ReconnectOptions,
  random: () => number = Math.random,
): number {
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.max(0, attempt));
  const spread = base * options.jitter;
  const delay = base - spread + random() * 2 * spread;
  return Math.round(Math.min(options.maxDelayMs, Math.max(0, delay)));
}
