/**
 * @module store/write-window — the per-user write limit (WRITE_LIMIT_PER_MINUTE, fixed one-minute windows), kept in
 * memory, not storage: a SQLite write per request would be a commit queued in front of the user's next write (it
 * doubled the bench's median), and an object only forgets it after ~10 s with no request at all, which a writer at
 * the limit never allows.
 */

/** A write refused for the rest of the window. */
export interface RateLimited {
  status: 'rate-limited'
  retryAfter: number
}

export class WriteWindow {
  private start = 0
  private count = 0

  /** Counts one write at `now`; returns the refusal when `limit` writes were already made in this window. */
  take(now: number, limit: number): RateLimited | null {
    if (now - this.start >= 60_000) {
      this.start = now
      this.count = 0
    }
    if (this.count >= limit) {
      const retryAfter = Math.max(1, Math.ceil((this.start + 60_000 - now) / 1000))
      return { status: 'rate-limited', retryAfter }
    }
    this.count++
    return null
  }
}
