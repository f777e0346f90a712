import { systemClock, type Clock } from './clock';

/** A token bucket: `capacity` calls at once, refilled evenly at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: Clock = systemClock,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;

    this.tokens -= 1;
    return true;
  }

  /** Epoch ms when the next call will be allowed (now, when one is available). */
  retryAt(): number {
    this.refill();
    if (this.tokens >= 1) return this.updatedAt;

    return this.updatedAt + Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }

  /** True when the bucket is back to capacity, i.e. forgetting it changes nothing. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.capacity;
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed / 1000) * this.perSecond);
    this.updatedAt = now;
  }
}

/** Past this many tracked addresses, full buckets are forgotten before a new one is made. */
const MAX_TRACKED = 10_000;

/**
 * One bucket per client address, e.g. 10 logins a minute. Memory stays bounded: buckets that
 * refilled completely carry no information and are dropped when the table grows.
 */
export class AddressLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly perSecond: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: Clock = systemClock,
  ) {
    this.perSecond = perMinute / 60;
  }

  /** Null when allowed; otherwise the epoch ms when this address may try again. */
  take(address: string): number | null {
    const bucket = this.bucketOf(address);
    return bucket.take() ? null : bucket.retryAt();
  }

  private bucketOf(address: string): TokenBucket {
    const existing = this.buckets.get(address);
    if (existing) return existing;

    if (this.buckets.size >= MAX_TRACKED) this.forgetFull();
    const bucket = new TokenBucket(this.perMinute, this.perSecond, this.now);
    this.buckets.set(address, bucket);
    return bucket;
  }

  private forgetFull(): void {
    for (const [address, bucket] of this.buckets) {
      if (bucket.isFull()) this.buckets.delete(address);
    }
    // Still full of active addresses: drop the oldest rather than grow without bound.
    // TODO(server): under a wide distributed flood this forgets real offenders; a shared
    // limiter (e.g. at the reverse proxy) is the real answer for public deployments.
    while (this.buckets.size >= MAX_TRACKED) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
  }
}

/** Whole seconds until `retryAt`, at least 1: the Retry-After header's value. */
export function retryAfterSeconds(retryAt: number, now: number): number {
  return Math.max(1, Math.ceil((retryAt - now) / 1000));
}
