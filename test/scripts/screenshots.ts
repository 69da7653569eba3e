/**
 * @file Phone-size (360 x 640 at 2x) screenshots of the PWA for docs/screenshots/, taken from the real app on
 * the real Worker: `npx tsx test/scripts/screenshots.ts` (builds the PWA first).
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import {
  buildPwa,
  launchChromium,
  phoneContext,
  REPO_ROOT,
  startWorker,
} from '../src/harness/index.ts'
import { randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { photoScreenshots } from './screenshots-photo.ts'

const OUT = join(REPO_ROOT, 'docs/screenshots')
/**
 * Seeds of the Random button are not controllable; the cast comes from fixed seeds of the plausible-people prior
 * (rig v2) with a chosen hairstyle and glasses, handed to the editor as full characters.
 */
const CAST: Array<[name: string, seed: number, styles: Record<string, string>]> = [
  ['Mara', 11, { 'hair.style': 'long', 'glasses.style': 'none' }],
  ['Kenji', 24, { 'hair.style': 'short', 'glasses.style': 'rectangular' }],
  ['Ola', 35, { 'hair.style': 'afro', 'glasses.style': 'none' }],
  ['Viktor', 42, { 'hair.style': 'buzz', 'hair.facial': 'full-beard', 'glasses.style': 'round' }],
]

async function save(page: Page, index: number): Promise<void> {
  const [name, seed, styles] = CAST[index]!
  const base = randomPlausibleCharacter(seed)
  const character = { ...base, styles: { ...base.styles, ...styles } }
  await page.goto('/new')
  await page.evaluate(
    ({ name, character }) => {
      // Hand the cast to the editor the way a sample does (the draft hand-off).
      sessionStorage.setItem('facecraft.draft', JSON.stringify({ name, character }))
    },
    { name, character }
  )
  await page.goto('/new')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await page.getByText(`Saved “${name}”`).waitFor()
}

async function main(): Promise<void> {
  buildPwa()
  const worker = await startWorker()
  const chromium = await launchChromium()
  try {
    const context = await phoneContext(chromium.browser, worker.origin)
    const page = await context.newPage()
    // A first run: samples to start from (their thumbnails are rendered by the engine).
    await page.goto('/')
    await page.waitForFunction(
      () => document.querySelectorAll('[aria-label="Start from a sample"] img').length >= 6
    )
    await page.waitForTimeout(300)
    await page.screenshot({ path: join(OUT, 'first-run.png') })
    for (let i = 0; i < CAST.length; i++) await save(page, i)
    await page.goto('/')
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=gallery] img').length >= 4
    )
    await page.screenshot({ path: join(OUT, 'gallery.png') })
    await page.getByRole('link', { name: /Mara/ }).click()
    // "Who" (the first group): gender, age in years, heritage as one blend, muscle, weight.
    await page.locator('[data-testid=preview][data-frames]').waitFor()
    await page.waitForTimeout(1200)
    // Scrolled to the controls: the header collapses, the face, tabs and Save stay in view.
    for (let i = 0; i < 3; i++) {
      // Heritage just under the tab row (the header shrinks as the page scrolls, so settle in a few steps).
      await page.evaluate(() => {
        const tabs = document.querySelector('[role=tablist]')!.getBoundingClientRect()
        const heritage = document.querySelector('[data-testid=heritage]')!.getBoundingClientRect()
        window.scrollBy(0, heritage.top - tabs.bottom - 4)
      })
      await page.waitForTimeout(400)
    }
    await page.screenshot({ path: join(OUT, 'editor-who.png') })
    await page.mouse.wheel(0, -2000)
    await page.getByRole('tab', { name: 'Glasses', exact: true }).click()
    await page.waitForFunction(() => document.querySelectorAll('[role=radio] img').length >= 5)
    await page.mouse.wheel(0, 300)
    await page.waitForTimeout(800)
    await page.screenshot({ path: join(OUT, 'editor-glasses.png') })
    await page.mouse.wheel(0, -2000)
    await page.getByRole('tab', { name: 'Hair', exact: true }).click()
    await page.waitForFunction(() => document.querySelectorAll('[role=radio] img').length >= 8)
    await page.waitForTimeout(400)
    await page.screenshot({ path: join(OUT, 'editor.png') })
    await page.getByRole('tab', { name: 'Skin', exact: true }).click()
    // Scrolled down to the colours: the header has collapsed, the face, tabs and Save stay in view.
    await page.mouse.wheel(0, 300)
    await page.waitForTimeout(600)
    await page.screenshot({ path: join(OUT, 'editor-colours.png') })
    await page.mouse.wheel(0, -2000)
    await page.waitForTimeout(300)
    await page.getByRole('button', { name: 'Full screen' }).click()
    await page
      .getByRole('dialog', { name: 'Turntable' })
      .getByRole('slider', { name: 'Turn head' })
      .evaluate((el) => {
        const input = el as HTMLInputElement
        input.value = '-35'
        input.dispatchEvent(new Event('input', { bubbles: true }))
      })
    await page.waitForTimeout(1500) // the 1024 px sharp frame
    await page.screenshot({ path: join(OUT, 'turntable.png') })
    await page
      .getByRole('dialog', { name: 'Turntable' })
      .getByRole('button', { name: 'Close' })
      .click()
    await page.getByRole('button', { name: 'Share', exact: true }).click()
    await page.getByRole('img', { name: 'QR code of the share link' }).locator('svg').waitFor()
    await page.screenshot({ path: join(OUT, 'share.png') })
    console.log(
      `wrote ${OUT}/{first-run,gallery,editor-who,editor-glasses,editor,editor-colours,turntable,share}.png`
    )
    await photoScreenshots(worker.origin)
  } finally {
    await chromium.close()
    await worker.stop()
  }
}

await main()
