/**
 * @module store/limiter-rules — the RateLimiter Durable Object's rules as a pure function (no workerd imports, so
 * Node tests load it): a sliding log of the last hits, refused hits counted, growing windows after lock-outs.
 */

/** The stored state of one key. */
export interface LimiterState {
  /** The last hits (ms since the epoch), oldest first, at most `limit` of them. */
  hits: number[]
  /** Lock-outs not yet forgiven: the window is windowMs x 2^strikes. */
  strikes: number
  /** Whether the last hit was refused (a new lock-out starts when an allowed run ends). */
  blocked?: boolean
}

/** The answer to one hit. */
export interface HitResult {
  allowed: boolean
  /** Seconds until a hit would be allowed again (>= 1). */
  retryAfter: number
}

/** Strikes past this do not lengthen the window further (16 x the base window). */
export const MAX_STRIKES = 4

/** Applies one hit at `now` to `state`; returns the new state and the answer. Pure. */
export function decide(
  state: LimiterState,
  limit: number,
  windowMs: number,
  now: number
): { state: LimiterState; result: HitResult } {
  let strikes = state.strikes
  const last = state.hits[state.hits.length - 1]
  // Forgive one strike per quiet (current) window since the last hit.
  if (last !== undefined && strikes > 0) {
    const quiet = Math.floor((now - last) / (windowMs * 2 ** strikes))
    strikes = Math.max(0, strikes - quiet)
  }
  const window = windowMs * 2 ** strikes
  const recent = state.hits.filter((t) => t > now - window)
  const allowed = recent.length < limit
  if (!allowed && !state.blocked) strikes = Math.min(MAX_STRIKES, strikes + 1)
  const hits = [...recent, now].slice(-Math.max(1, limit))
  const nextWindow = windowMs * 2 ** strikes
  const oldest = hits.length >= limit ? hits[hits.length - limit]! : now
  const retryAfter = Math.max(1, Math.ceil((oldest + nextWindow - now) / 1000))
  return { state: { hits, strikes, blocked: !allowed }, result: { allowed, retryAfter } }
}
