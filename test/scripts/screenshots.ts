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

const OUT = join(REPO_ROOT, 'docs/screenshots')
/** Seeds of the Random button are not controllable; these characters come from fixed share codes instead. */
const CAST: Array<[name: string, edits: Record<string, number>, styles: Record<string, string>]> = [
  ['Mara', { 'face.width': 0.3, 'jaw.width': 0.3 }, { 'hair.style': 'long' }],
  ['Kenji', { 'nose.width': 0.7, 'face.width': 0.6 }, { 'hair.style': 'side-part' }],
  ['Ola', { 'cheeks.fullness': 0.8 }, { 'hair.style': 'curly' }],
  [
    'Viktor',
    { 'jaw.width': 0.9, 'chin.height': 0.7 },
    { 'hair.style': 'buzz', 'hair.facial': 'full-beard' },
  ],
]
const COLORS: Array<Record<string, number>> = [
  { 'skin.tone': 0.15, 'hair.color': 0.05, 'eyes.iris_color': 0.9, 'mouth.lip_tint': 0.2 },
  { 'skin.tone': 0.35, 'hair.color': 0.0, 'eyes.iris_color': 0.1 },
  { 'skin.tone': 0.85, 'hair.color': 0.05, 'eyes.iris_color': 0.05 },
  { 'skin.tone': 0.05, 'hair.color': 0.6, 'hair.red': 0.8, 'eyes.iris_color': 0.7 },
]

async function save(page: Page, index: number): Promise<void> {
  const [name, sliders, styles] = CAST[index]!
  await page.goto('/new')
  await page.evaluate(
    ({ name, sliders, colors, styles }) => {
      // Hand the cast to the editor the way a shared link does (the draft hand-off).
      const base = { rig: 1, sliders: {}, colors: {}, styles: {} }
      sessionStorage.setItem(
        'facecraft.draft',
        JSON.stringify({ name, character: { ...base, sliders, colors, styles } })
      )
    },
    { name, sliders, colors: COLORS[index]!, styles }
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
    console.log(`wrote ${OUT}/{first-run,gallery,editor,editor-colours,turntable,share}.png`)
  } finally {
    await chromium.close()
    await worker.stop()
  }
}

await main()
