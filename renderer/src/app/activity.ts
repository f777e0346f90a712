import { call } from './bridge';

/** Matches main's own limit: the server only needs to hear it well inside its idle timeout. */
export const ACTIVITY_REPORT_INTERVAL_MS = 60_000;

const USER_INPUT = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * Tells main, at most once a minute, that the person is using the app, so a session does not end
 * by the server's idle timeout while they read. An unattended window sends nothing.
 */
export function watchActivity(now: () => number = Date.now): () => void {
  let last = -Infinity;

  const report = () => {
    if (now() - last < ACTIVITY_REPORT_INTERVAL_MS) return;
    last = now();
    void call((parley) => parley.reportActivity({}));
  };

  for (const type of USER_INPUT) window.addEventListener(type, report, { passive: true });

  return () => {
    for (const type of USER_INPUT) window.removeEventListener(type, report);
  };
}
