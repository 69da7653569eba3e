/**
 * @file Real touch input for e2e tests: CDP Input.dispatchTouchEvent, the path a finger takes (touch events,
 * pointer events, gesture scrolling), unlike synthetic DOM events.
 */
import type { Page } from 'playwright-core'

export interface Point {
  x: number
  y: number
}

/** Moves one finger from `from` to `to` (CSS px of the viewport) in `steps` moves, one per ~16 ms, then lifts it. */
export async function swipe(page: Page, from: Point, to: Point, steps = 12): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] })
    for (let i = 1; i <= steps; i++) {
      const t = i / steps
      const point = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] })
      await page.waitForTimeout(16)
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  } finally {
    await cdp.detach()
  }
}

/** Two fingers: each starts at its `from` and ends at its `to` (a pinch when they move apart or together). */
export async function pinch(page: Page, from: [Point, Point], to: [Point, Point], steps = 10) {
  const cdp = await page.context().newCDPSession(page)
  const at = (t: number) =>
    from.map((p, i) => ({
      x: p.x + (to[i]!.x - p.x) * t,
      y: p.y + (to[i]!.y - p.y) * t,
      id: i,
    }))
  try {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) })
    for (let i = 1; i <= steps; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i / steps) })
      await page.waitForTimeout(16)
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  } finally {
    await cdp.detach()
  }
}

/** One short tap at `p`. */
export async function tap(page: Page, p: Point): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [p] })
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  } finally {
    await cdp.detach()
  }
}

/**
 * Two taps at `p`, `gapMs` apart by their event times. Each touch carries its own time (CDP `timestamp`, which the
 * page's pointer events report as their timeStamp), so the app sees the gap the test asks for however late a busy
 * machine delivers the events: delivery alone took 84 ms median at load 10, and a CI run under more load once missed
 * the app's 320 ms double-tap window (phone.test.ts's zoom, 2026-12-02).
 */
export async function doubleTap(page: Page, p: Point, gapMs = 60): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  const start = Date.now() / 1000
  try {
    for (const [i, at] of [start, start + gapMs / 1000].entries()) {
      // the gap passes in real time too, so no stamp runs ahead of the clock (the next call's taps stay later)
      if (i) await page.waitForTimeout(gapMs)
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchStart',
        touchPoints: [p],
        timestamp: at,
      })
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchEnd',
        touchPoints: [],
        timestamp: at + 0.01,
      })
    }
  } finally {
    await cdp.detach()
  }
}

/** Waits until the page stops scrolling (a swipe leaves a fling behind it), so element positions hold. */
export async function scrollSettled(page: Page): Promise<void> {
  let last = -1
  for (let i = 0; i < 50; i++) {
    const y = await page.evaluate(() => scrollY)
    if (y === last) return
    last = y
    await page.waitForTimeout(120)
  }
}
