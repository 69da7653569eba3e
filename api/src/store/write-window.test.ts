import { describe, expect, it } from 'vitest'
import { WriteWindow } from './write-window.ts'

describe('WriteWindow', () => {
  it('allows `limit` writes a minute, then refuses with the seconds left in the window', () => {
    const window = new WriteWindow()
    const t0 = 1_000_000
    for (let i = 0; i < 3; i++) expect(window.take(t0 + i, 3)).toBeNull()
    expect(window.take(t0 + 15_000, 3)).toEqual({ status: 'rate-limited', retryAfter: 45 })
    // Never less than a second, even at the window's last millisecond.
    expect(window.take(t0 + 59_999, 3)).toEqual({ status: 'rate-limited', retryAfter: 1 })
    // A new window starts a minute after the first write.
    expect(window.take(t0 + 60_000, 3)).toBeNull()
  })
})
