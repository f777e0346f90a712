export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const HOUR_MS = 60 * 60 * 1000;
const JITTER_MS = 10 * 60 * 1000;

const realTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** 50 to 70 minutes, so a fleet started together does not hit the feed together. */
export function nextCheckDelay(random: () => number = Math.random): number {
  return HOUR_MS + Math.round((random() * 2 - 1) * JITTER_MS);
}

/** Runs `check` now and then about hourly until stopped. */
export function checkSchedule(
  check: () => void,
  timers: Timers = realTimers,
  random: () => number = Math.random,
): { start(): void; stop(): void } {
  let handle: unknown = null;
  let stopped = false;

  const tick = (): void => {
    if (stopped) return;
    check();
    handle = timers.setTimeout(tick, nextCheckDelay(random));
  };

  return {
    start() {
      if (handle === null && !stopped) tick();
    },
    stop() {
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
  };
}
