/**
 * @module store/rate-limiter — a Durable Object per rate-limit key holding one fixed-window counter in memory.
 * A Durable Object is single-threaded and unique per key, so concurrent hits count exactly; if it is evicted
 * while idle the window restarts, which only ever errs toward allowing a few more attempts.
 */
import { DurableObject } from 'cloudflare:workers'

export class RateLimiter extends DurableObject {
  private windowStart = 0
  private count = 0

  /** Counts one hit; `allowed` is false past `limit` in the current window of `windowSeconds`. */
  async hit(
    limit: number,
    windowSeconds: number
  ): Promise<{ allowed: boolean; retryAfter: number }> {
    const now = Date.now()
    const windowMs = windowSeconds * 1000
    if (now >= this.windowStart + windowMs) {
      this.windowStart = now
      this.count = 0
    }
    this.count++
    const retryAfter = Math.max(1, Math.ceil((this.windowStart + windowMs - now) / 1000))
    return { allowed: this.count <= limit, retryAfter }
  }
}
