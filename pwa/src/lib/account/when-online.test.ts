import { afterEach, describe, expect, it, vi } from 'vitest'
import { ONLINE_RETRY_MS, whenOnline } from './when-online.ts'

/** Resolves to whether `p` settled by now (after pending microtasks). */
async function settled(p: Promise<void>): Promise<boolean> {
  let done = false
  void p.then(() => (done = true))
  await Promise.resolve()
  await Promise.resolve()
  return done
}

describe('whenOnline', () => {
  afterEach(() => vi.useRealTimers())

  it("waits for the 'online' event while the browser says it is offline", async () => {
    vi.useFakeTimers()
    const events = new EventTarget()
    const wait = whenOnline({ events, online: () => false })
    await vi.advanceTimersByTimeAsync(10 * ONLINE_RETRY_MS)
    expect(await settled(wait)).toBe(false)
    events.dispatchEvent(new Event('online'))
    expect(await settled(wait)).toBe(true)
  })

  it('tries again after a pause when the browser already says it is online (no event will come)', async () => {
    vi.useFakeTimers()
    const events = new EventTarget()
    const wait = whenOnline({ events, online: () => true })
    await vi.advanceTimersByTimeAsync(ONLINE_RETRY_MS - 1)
    expect(await settled(wait)).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await settled(wait)).toBe(true)
  })

  it('stops listening once resolved', async () => {
    const events = new EventTarget()
    const remove = vi.spyOn(events, 'removeEventListener')
    const wait = whenOnline({ events, online: () => true }, 60_000)
    events.dispatchEvent(new Event('online'))
    await wait
    expect(remove).toHaveBeenCalledWith('online', expect.any(Function))
  })
})
