import { describe, expect, it } from 'vitest';

import { AddressLimiter, retryAfterSeconds, TokenBucket } from './rate-limit';

describe('token bucket', () => {
  it('allows a burst up to capacity, then refills with the clock', () => {
    let now = 1_000_000;
    const bucket = new TokenBucket(3, 1, () => now);

    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.retryAt()).toBe(now + 1000);

    now += 999;
    expect(bucket.take()).toBe(false);
    now += 1;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('never refills past capacity', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 10, () => now);
    now += 60_000;

    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });
});

describe('address limiter', () => {
  it('limits each address on its own and says when to retry', () => {
    let now = 5_000_000;
    const limiter = new AddressLimiter(10, () => now);

    for (let i = 0; i < 10; i++) expect(limiter.take('10.0.0.1')).toBeNull();
    const retryAt = limiter.take('10.0.0.1');
    expect(retryAt).toBe(now + 6_000);
    expect(limiter.take('10.0.0.2')).toBeNull();

    now += 6_000;
    expect(limiter.take('10.0.0.1')).toBeNull();
    expect(limiter.take('10.0.0.1')).not.toBeNull();
  });

  it('rounds Retry-After up to whole seconds, at least one', () => {
    expect(retryAfterSeconds(10_001, 0)).toBe(11);
    expect(retryAfterSeconds(5, 10)).toBe(1);
  });
});
