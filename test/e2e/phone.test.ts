/**
 * @file The editor on a phone, with real touch (CDP): sliders ignore vertical swipes, the layout keeps the face,
 * the tabs and Save in view, zoom and the full-screen turntable, what screen readers hear, toasts, and axe-core on
 * every screen (the app bar at large text: large-text.test.ts).
 */
import { describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { createCharacterV2, encodeShareCodeV2 } from '@facecraft/shared/rig-v2'
import {
  PHONE,
  auditScreens,
  launchChromium,
  newContext,
  phoneContext,
} from '../src/harness/index.ts'
import { getParam, openGallery, waitForFrame } from './app.ts'
import { useChromium } from './use-app.ts'
import { doubleTap, pinch, scrollSettled, swipe, tap } from './touch.ts'

const SIZES = [
  { width: 360, height: 640 },
  { width: 390, height: 844 },
]

function sizedContext(browser: Browser, viewport: { width: number; height: number }) {
  return newContext(browser, { ...PHONE, viewport, baseURL: inject('origin') })
}

async function openNew(page: Page): Promise<void> {
  await page.goto('/new')
  await waitForFrame(page, 0)
}

const sliderValue = (page: Page, id: string) =>
  page.locator(`input[data-param="${id}"]`).evaluate((el) => (el as HTMLInputElement).value)

describe('the editor on a phone', () => {
  const app = useChromium()

  for (const size of SIZES) {
    it(`sliders change on a horizontal drag only, never on a vertical swipe (${size.width}x${size.height})`, async () => {
      const context = await sizedContext(app.chromium.browser, size)
      try {
        const page = await context.newPage()
        await openNew(page)
        await page.getByRole('tab', { name: 'Head', exact: true }).click()
        const input = page.locator('input[data-param="face.head-scale-horiz.decr-incr"]')
        const before = await sliderValue(page, 'face.head-scale-horiz.decr-incr')
        const box = (await input.boundingBox())!
        const start = { x: box.x + box.width * 0.25, y: box.y + box.height / 2 }
        // A swipe up (the page scrolls down), starting on the slider's track, far from its thumb.
        await swipe(page, start, { x: start.x + 12, y: Math.max(4, start.y - 300) })
        await scrollSettled(page)
        expect(await sliderValue(page, 'face.head-scale-horiz.decr-incr')).toBe(before)
        expect(await page.evaluate(() => scrollY)).toBeGreaterThan(40)
        // A tap on the thumb selects it and changes nothing. (Bring the slider out from under the sticky header.)
        await input.evaluate((el) => el.scrollIntoView({ block: 'end' }))
        await scrollSettled(page)
        const after = (await input.boundingBox())!
        const thumb = { x: after.x + after.width / 2, y: after.y + after.height / 2 }
        await tap(page, thumb)
        await page.waitForTimeout(100)
        expect(await sliderValue(page, 'face.head-scale-horiz.decr-incr')).toBe(before)
        // A deliberate horizontal drag moves it, by the distance dragged (no jump to the finger).
        await swipe(page, thumb, { x: thumb.x + after.width * 0.3, y: thumb.y + 4 })
        await expect
          .poll(() => getParam(page, 'Head', 'face.head-scale-horiz.decr-incr'))
          .toBeGreaterThan(0.7)
        expect(await getParam(page, 'Head', 'face.head-scale-horiz.decr-incr')).toBeLessThan(0.9)
      } finally {
        await context.close()
      }
    })
  }

  it('keeps the face, the group tabs and Save in view while the sliders scroll (360x640)', async () => {
    const context = await sizedContext(app.chromium.browser, SIZES[0]!)
    try {
      const page = await context.newPage()
      await openNew(page)
      const preview = page.getByTestId('preview')
      const big = (await preview.boundingBox())!
      expect(big.width).toBeGreaterThanOrEqual(200)
      await page.getByRole('tab', { name: 'Head', exact: true }).click()
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
      await page.waitForTimeout(300)
      const small = (await preview.boundingBox())!
      expect(small.width).toBeLessThan(big.width)
      expect(small.width).toBeGreaterThanOrEqual(96)
      expect(small.y).toBeGreaterThanOrEqual(0)
      const inView = async (name: string, role: 'tab' | 'button') => {
        const b = (await page.getByRole(role, { name, exact: true }).boundingBox())!
        return b.y >= 0 && b.y + b.height <= 640
      }
      expect(await inView('Save', 'button')).toBe(true)
      expect(await inView('Head', 'tab')).toBe(true)
      // About a third of the screen or more is left for the sliders.
      const tabs = (await page.getByRole('tablist', { name: 'Parameter groups' }).boundingBox())!
      expect(640 - (tabs.y + tabs.height)).toBeGreaterThan(240)
    } finally {
      await context.close()
    }
  })

  it('zooms the preview by pinch and double tap, and turns calmly', async () => {
    const context = await sizedContext(app.chromium.browser, SIZES[0]!)
    try {
      const page = await context.newPage()
      await openNew(page)
      const preview = page.getByTestId('preview')
      const zoom = async () => Number(await preview.getAttribute('data-zoom'))
      const box = (await preview.boundingBox())!
      const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
      await pinch(
        page,
        [
          { x: c.x - 20, y: c.y },
          { x: c.x + 20, y: c.y },
        ],
        [
          { x: c.x - 60, y: c.y },
          { x: c.x + 60, y: c.y },
        ]
      )
      await expect.poll(zoom).toBeGreaterThan(1.5)
      await doubleTap(page, c)
      await expect.poll(zoom).toBe(1)
      await doubleTap(page, c)
      await expect.poll(zoom).toBeGreaterThan(1.5)
      await doubleTap(page, c)
      await expect.poll(zoom).toBe(1)
      // Half the picture's width turns the head by well under the old 60 degrees.
      const turn = page.getByRole('slider', { name: 'Turn head' })
      // The turn slider, like the others, ignores a vertical swipe that starts on it.
      const track = (await turn.boundingBox())!
      const onTrack = { x: track.x + track.width * 0.2, y: track.y + track.height / 2 }
      await swipe(page, onTrack, { x: onTrack.x + 6, y: onTrack.y - 200 })
      await scrollSettled(page)
      expect(await turn.inputValue()).toBe('0')
      await page.evaluate(() => window.scrollTo(0, 0))
      await scrollSettled(page)
      // A fling left by the swipe may outlast scrollTo, and the header resizes the picture with the scroll: swipe
      // where the picture is now, back at the top, not where it was before.
      await expect.poll(() => page.evaluate(() => scrollY)).toBe(0)
      await page.waitForTimeout(400) // past the double-tap window
      const now = (await preview.boundingBox())!
      const mid = { x: now.x + now.width / 2, y: now.y + now.height / 2 }
      await swipe(
        page,
        { x: mid.x - now.width / 4, y: mid.y },
        { x: mid.x + now.width / 4, y: mid.y + 2 }
      )
      await expect.poll(async () => Number(await turn.inputValue())).toBeGreaterThan(10)
      expect(Number(await turn.inputValue())).toBeLessThanOrEqual(50)
    } finally {
      await context.close()
    }
  })

  it('shows the character full screen on a turntable that turns all the way round', async () => {
    const context = await sizedContext(app.chromium.browser, SIZES[0]!)
    try {
      const page = await context.newPage()
      await openNew(page)
      await page.getByRole('button', { name: 'Full screen' }).click()
      const dialog = page.getByRole('dialog', { name: 'Turntable' })
      const stage = dialog.getByRole('img')
      await expect
        .poll(async () => Number(await stage.getAttribute('data-frames')))
        .toBeGreaterThan(0)
      const box = (await stage.boundingBox())!
      expect(box.width).toBeGreaterThanOrEqual(340)
      const turn = dialog.getByRole('slider', { name: 'Turn head' })
      for (let i = 0; i < 3; i++) {
        await swipe(
          page,
          { x: 20, y: box.y + box.height / 2 },
          { x: 340, y: box.y + box.height / 2 + 3 }
        )
      }
      // Three full-width drags: more than a half turn, which the editor's +-60 never reached.
      const yaw = Number(await turn.inputValue())
      expect(Math.abs(yaw)).toBeGreaterThan(90)
      // A little pitch: the turntable looks down on the head by default, and Tilt changes it (a new frame).
      const tilt = dialog.getByRole('slider', { name: 'Tilt' })
      expect(await tilt.inputValue()).toBe('8')
      expect(await tilt.isVisible()).toBe(true)
      const tiltBox = (await tilt.boundingBox())!
      expect(tiltBox.y + tiltBox.height).toBeLessThanOrEqual(640)
      const drawn = Number(await stage.getAttribute('data-frames'))
      await tilt.evaluate((el) => {
        const input = el as HTMLInputElement
        input.value = '-10'
        input.dispatchEvent(new Event('input', { bubbles: true }))
      })
      await expect
        .poll(async () => Number(await stage.getAttribute('data-frames')))
        .toBeGreaterThan(drawn)
      expect(await stage.getAttribute('aria-label')).toMatch(/tilted -10 degrees/)
      await dialog.getByRole('button', { name: 'Close' }).click()
      await dialog.waitFor({ state: 'detached' })
    } finally {
      await context.close()
    }
  })

  it('announces slider values as shown (0-100) and names the colour presets', async () => {
    const context = await sizedContext(app.chromium.browser, SIZES[0]!)
    try {
      const page = await context.newPage()
      await openNew(page)
      await page.getByRole('tab', { name: 'Head', exact: true }).click()
      const slider = page.getByRole('slider', { name: /^Head scale width/ })
      expect(await slider.getAttribute('max')).toBe('100')
      const shown = await page
        .locator('output[for="slider-face.head-scale-horiz.decr-incr"]')
        .innerText()
      expect(await slider.getAttribute('aria-valuetext')).toBe(`${shown} of 100`)
      await page.getByRole('tab', { name: 'Hair', exact: true }).click()
      const presets = await page
        .getByRole('group', { name: /presets/ })
        .first()
        .getByRole('button')
        .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''))
      expect(presets.length).toBeGreaterThan(2)
      for (const label of presets) expect(label).not.toMatch(/preset \d/)
      expect(new Set(presets).size).toBe(presets.length)
      expect(presets.join(' ')).toMatch(/black|brown|blond/i)
    } finally {
      await context.close()
    }
  })

  it('shows one toast at a time: a new one replaces the last', async () => {
    const context = await sizedContext(app.chromium.browser, SIZES[0]!)
    try {
      const page = await context.newPage()
      await openGallery(page)
      const file = { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('nope') }
      for (let i = 0; i < 3; i++) {
        await page.getByTestId('import-file').setInputFiles(file)
        await page.waitForTimeout(50)
      }
      await page
        .getByText(/not a facecraft backup/)
        .first()
        .waitFor()
      expect(await page.getByRole('status').locator('p').count()).toBe(1)
    } finally {
      await context.close()
    }
  })
})

describe('accessibility (axe-core)', () => {
  it('finds no serious or critical violations on any screen', async () => {
    const chromium = await launchChromium()
    try {
      const context = await phoneContext(chromium.browser, inject('origin'))
      const page = await context.newPage()
      const audits = await auditScreens(
        page,
        `/s#c=${encodeShareCodeV2(createCharacterV2(), 'Shared')}`
      )
      expect(audits.map((a) => a.screen)).toContain('turntable')
      expect(audits.filter((a) => a.violations.length)).toEqual([])
    } finally {
      await chromium.close()
    }
  })
})
