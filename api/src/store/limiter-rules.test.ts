/** @file the sliding-log limiter's rules (store/limiter-rules.ts), without workerd. */
import { describe, expect, it } from 'vitest'
import { decide, type LimiterState } from './limiter-rules.ts'

const W = 60_000

/** Replays hits at the given times (ms) and returns which were allowed. */
function replay(times: number[], limit = 10): { allowed: boolean[]; state: LimiterState } {
  let state: LimiterState = { hits: [], strikes: 0 }
  const allowed: boolean[] = []
  for (const t of times) {
    const step = decide(state, limit, W, t)
    state = step.state
    allowed.push(step.result.allowed)
  }
  return { allowed, state }
}

describe('rate limiter decide', () => {
  it('allows `limit` hits per sliding window, also across a fixed-window edge', () => {
    // 10 at 59 s, 10 more at 61 s: a fixed window would allow all 20.
    const times = [...Array(10).fill(59_000), ...Array(10).fill(61_000)]
    expect(replay(times).allowed.filter(Boolean)).toHaveLength(10)
  })

  it('counts refused hits, so hammering keeps the key closed until a quiet window', () => {
    const times = Array.from({ length: 120 }, (_, i) => i * 1000) // one a second for two minutes
    const { allowed } = replay(times)
    expect(allowed.filter(Boolean)).toHaveLength(10)
  })

  it('doubles the window after a lock-out (growing delays) and forgives after quiet windows', () => {
    const burst = (t: number) => Array.from({ length: 11 }, () => t)
    let state: LimiterState = { hits: [], strikes: 0 }
    for (const t of burst(0)) state = decide(state, 10, W, t).state
    expect(state.strikes).toBe(1)
    // 61 s later the base window has passed, but the doubled one has not.
    expect(decide(state, 10, W, 61_000).result.allowed).toBe(false)
    expect(decide(state, 10, W, 121_000).result.allowed).toBe(true)
    // Long quiet: strikes forgiven.
    expect(decide(state, 10, W, 3_600_000).state.strikes).toBe(0)
  })

  it('gives a Retry-After that is honest: hitting then is allowed', () => {
    let state: LimiterState = { hits: [], strikes: 0 }
    let last = decide(state, 3, W, 0)
    for (const t of [0, 0, 0, 1000]) {
      last = decide(state, 3, W, t)
      state = last.state
    }
    expect(last.result.allowed).toBe(false)
    const at = 1000 + last.result.retryAfter * 1000
    expect(decide(state, 3, W, at).result.allowed).toBe(true)
    expect(decide(state, 3, W, at - 2000).result.allowed).toBe(false)
  })
})
