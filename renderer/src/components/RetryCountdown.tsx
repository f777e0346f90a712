import { useEffect, useReducer } from 'react';

import { countdown } from '../text/time';

/**
 * "You can try again in 4:59." Deliberately outside any live region: the alert above already
 * says the time once, and a ticking announcement would drown everything else.
 */
export function RetryCountdown({ retryAt }: { retryAt: number }) {
  const [, tick] = useReducer((count: number) => count + 1, 0);
  const waiting = retryAt > Date.now();

  useEffect(() => {
    if (!waiting) return;

    const timer = setInterval(tick, 1_000);
    return () => clearInterval(timer);
  }, [waiting, retryAt]);

  return (
    <p className="field-hint">
      {waiting ? `You can try again in ${countdown(retryAt)}.` : 'You can try again now.'}
    </p>
  );
}
