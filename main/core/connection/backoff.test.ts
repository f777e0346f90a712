import { describe, expect, it } from 'vitest';

import { backoffDelay, DEFAULT_RECONNECT } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const middle = () => 0.5;
    const delays = [0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, DEFAULT_RECONNECT, middle));

    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it('spreads each delay by the jitter fraction, never past the cap', () => {
    expect(backoffDelay(1, DEFAULT_RECONNECT, () => 0)).toBe(500);
    expect(backoffDelay(1, DEFAULT_RECONNECT, () => 0.999)).toBeCloseTo(1499, -1);
    for (let i = 0; i < 200; i += 1) {
      const delay = backoffDelay(20, DEFAULT_RECONNECT);
      expect(delay).toBeGreaterThanOrEqual(5_000);
      expect(delay).toBeLessThanOrEqual(10_000);
    }
  });
});
