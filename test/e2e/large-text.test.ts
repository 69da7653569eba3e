/**
 * @file 360x640 with 200% text (a phone's large-font setting). The app bar stays within two rows and a bounded
 * height, cuts nothing off, and every action in it (home, account / sign in) and the sync state are still there
 * and work — signed out and signed in, on the gallery and in the editor. The gallery's create buttons stack
 * rather than cut their labels.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openGallery, register, uniqueEmail, waitForFrame } from './app.ts'
import { useApp } from './use-app.ts'

const VIEWPORT = { width: 360, height: 640 }
/** Two rows of 48 px touch targets at 200% text, plus padding: anything taller eats the screen. */
const MAX_BAR_HEIGHT = 128

interface BarLayout {
  height: number
  /** Rows the bar's items (links and sync state) sit on: items whose vertical extents overlap share a row. */
  rows: number
  /** Whether the title is cut short (ends in an ellipsis). */
  titleCut: boolean
  /** Elements in the bar drawn past the screen's edge or cut short without an ellipsis. */
  clipped: string[]
}

/** The bar's height, its rows and anything in it cut off; deliberately truncated text (ellipsis) is allowed. */
function barLayout(page: Page): Promise<BarLayout> {
  return page.evaluate(() => {
    const bar = document.querySelector('header')!
    const items = [...bar.querySelectorAll('a, [data-testid=sync-state]')]
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .sort((a, b) => a.top - b.top)
    let rows = 0
    let rowBottom = -Infinity
    for (const r of items) {
      if (r.top >= rowBottom - 1) rows++
      rowBottom = Math.max(rowBottom, r.bottom)
    }
    const clipped = [...bar.querySelectorAll<HTMLElement>('*')]
      .filter((el) => {
        const r = el.getBoundingClientRect()
        if (r.width === 0) return false
        const offScreen = r.right > innerWidth + 1 || r.left < -1
        const ellipsis = getComputedStyle(el).textOverflow === 'ellipsis'
        return offScreen || (!ellipsis && el.scrollWidth > el.clientWidth + 1)
      })
      .map((el) => `${el.tagName} ${el.textContent?.slice(0, 40)}`)
    const title = bar.querySelector('a[href="/"] span')!
    const titleCut = title.scrollWidth > title.clientWidth + 1
    return { height: bar.getBoundingClientRect().height, rows, titleCut, clipped }
  })
}

async function largeText(page: Page): Promise<void> {
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'))
  // The bar publishes its height (--app-bar-h) from a ResizeObserver: let it run.
  await page.waitForTimeout(100)
}

/** The bar fits (two rows at most, bounded height, nothing cut off) and shows the sync state. */
async function expectFits(page: Page, where: string): Promise<void> {
  const layout = await barLayout(page)
  expect(layout.clipped, where).toEqual([])
  expect(layout.rows, where).toBeLessThanOrEqual(2)
  expect(layout.height, where).toBeLessThanOrEqual(MAX_BAR_HEIGHT)
  await expect.poll(() => page.getByTestId('sync-state').isVisible()).toBe(true)
}

/** Taps `name` in the bar (a real hit test: it must be on screen and on top) and checks where it led. */
async function tapBarLink(page: Page, name: string | RegExp, path: string): Promise<void> {
  const link = page.getByRole('banner').getByRole('link', { name })
  const box = (await link.boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width + 1)
  // Large enough to tap (WCAG 2.5.8 asks 24 px; the app's own rule is 44).
  expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44)
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2)
  await expect.poll(() => new URL(page.url()).pathname).toBe(path)
}

describe('the app bar and the gallery at 360x640 with 200% text', () => {
  const app = useApp()

  it('is one row, nothing shortened, at normal text (the widest sync label)', async () => {
    const { page } = app
    await openGallery(page)
    await expect.poll(() => page.getByTestId('sync-state').textContent()).toBe('On this device')
    const layout = await barLayout(page)
    expect(layout).toMatchObject({ rows: 1, titleCut: false, clipped: [] })
    expect(layout.height).toBeLessThanOrEqual(64)
  })

  it("stacks the gallery's create buttons rather than cut their labels", async () => {
    const { page } = app
    await openGallery(page)
    const cut = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('main button')]
          .filter((b) => /New character|From a photo/.test(b.textContent ?? ''))
          .map((b) => ({
            cut: b.scrollWidth > b.clientWidth + 1,
            top: b.getBoundingClientRect().top,
          }))
      )
    const normal = await cut()
    expect(normal.map((b) => b.cut)).toEqual([false, false])
    expect(normal[0]!.top).toBe(normal[1]!.top) // side by side
    await largeText(page)
    const large = await cut()
    expect(large.map((b) => b.cut)).toEqual([false, false])
    expect(large[1]!.top).toBeGreaterThan(large[0]!.top) // stacked
    await page.evaluate(() => (document.documentElement.style.fontSize = ''))
  })

  it('fits in two rows with every action reachable, signed out', async () => {
    const { page } = app
    await openGallery(page)
    await largeText(page)
    await expectFits(page, 'gallery, signed out')
    await tapBarLink(page, 'Sign in', '/account')
    await tapBarLink(page, /facecraft/, '/')
    await page.goto('/new')
    await waitForFrame(page, 0)
    await largeText(page)
    await expectFits(page, 'editor, signed out')
  })

  it('fits in two rows with every action reachable, signed in with a long email', async () => {
    const { page } = app
    await register(page, uniqueEmail('a-rather-long-player-name'), 'correct horse battery')
    await openGallery(page)
    // At normal text the email (shown as its initial) changes nothing: one row.
    expect(await barLayout(page)).toMatchObject({ rows: 1, titleCut: false, clipped: [] })
    await largeText(page)
    await expectFits(page, 'gallery, signed in')
    await tapBarLink(page, /^Account: a-rather-long-player-name/, '/account')
    await tapBarLink(page, /facecraft/, '/')
  })
})
