// Per-session rate limit: a token bucket per session key, kept in memory. An owner typing
// fast is fine; a script hammering one session is slowed down with a polite message.
export type RateLimitOptions = { capacity: number; refillPerSecond: number; maxKeys?: number };

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 30, refillPerSecond: 1, maxKeys: 50_000 };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly opts: RateLimitOptions = DEFAULT_RATE_LIMIT) {}

  /** Takes one token for the key; false when the bucket is empty. */
  take(key: string, nowMs: number): boolean {
    const { capacity, refillPerSecond, maxKeys = 50_000 } = this.opts;
    const b = this.buckets.get(key) ?? { tokens: capacity, at: nowMs };
    b.tokens = Math.min(capacity, b.tokens + ((nowMs - b.at) / 1000) * refillPerSecond);
    b.at = nowMs;
    const allowed = b.tokens >= 1;
    if (allowed) b.tokens -= 1;
    this.buckets.delete(key); // re-insert: the Map's order is least recently used first
    this.buckets.set(key, b);
    if (this.buckets.size > maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return allowed;
  }
}
