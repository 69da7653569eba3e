import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IdleWarmup } from './idle-warmup.ts'

describe('IdleWarmup', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('prepares once, after the first idle moment, never while requests keep coming', () => {
    const prepare = vi.fn()
    const warm = new IdleWarmup(prepare, 300)
    warm.touch()
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(200)
      warm.touch() // a burst of thumbnails: each pushes the idle wait back
    }
    expect(prepare).not.toHaveBeenCalled()
    expect(warm.ready).toBe(false)
    vi.advanceTimersByTime(300)
    expect(prepare).toHaveBeenCalledTimes(1)
    expect(warm.ready).toBe(true)
    warm.touch()
    vi.advanceTimersByTime(1000)
    expect(prepare).toHaveBeenCalledTimes(1)
  })

  it('does nothing until something happens', () => {
    const prepare = vi.fn()
    const warm = new IdleWarmup(prepare, 300)
    vi.advanceTimersByTime(10_000)
    expect(prepare).not.toHaveBeenCalled()
    expect(warm.ready).toBe(false)
  })

  it('gives up quietly when the preparation fails: never ready, never tried again', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const prepare = vi.fn(() => {
      throw new Error('out of memory')
    })
    const warm = new IdleWarmup(prepare, 100)
    warm.touch()
    vi.advanceTimersByTime(100)
    expect(prepare).toHaveBeenCalledTimes(1)
    expect(warm.ready).toBe(false)
    expect(warn.mock.calls[0]![0]).toMatch(/out of memory/)
    warm.touch()
    vi.advanceTimersByTime(1000)
    expect(prepare).toHaveBeenCalledTimes(1)
    warn.mockRestore()
  })
})
