/**
 * @file Phone-size (360 x 640 at 2x) screenshots of "From a photo" for docs/screenshots/: the selfie screen (a fake
 * camera playing a London photo), the result beside the photo, refining, and the editor comparing with the photo.
 * Photos: Face Research Lab London Set (DeBruine & Jones 2017, CC BY 4.0), read from ../shared/faces at run time.
 * `npx tsx test/scripts/screenshots-photo.ts` (builds the PWA first); also run by test/scripts/screenshots.ts.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildPwa, launchChromium, PHONE, REPO_ROOT, startWorker } from '../src/harness/index.ts'
import { decoded, fakeCameraVideo, haveLondon, LONDON, londonPhoto } from '../e2e/photos.ts'

const OUT = join(REPO_ROOT, 'docs/screenshots')
/** London set photo used (a neutral, frontal studio portrait). */
const PERSON = 12

/** Takes the four photo-flow screenshots against the app at `origin`. */
export async function photoScreenshots(origin: string): Promise<void> {
  if (!haveLondon) throw new Error(`No London faces at ${LONDON}; set FACECRAFT_FACES.`)
  const chromium = await launchChromium([
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${fakeCameraVideo(decoded(londonPhoto(PERSON)))}`,
  ])
  try {
    const context = await chromium.browser.newContext({
      ...PHONE,
      baseURL: origin,
      permissions: ['camera'],
    })
    const page = await context.newPage()
    await page.goto('/photo')
    await page.getByRole('button', { name: 'Take a selfie' }).click()
    await page.locator('[data-testid=camera-hint][data-code=ok]').waitFor({ timeout: 180_000 })
    await page.waitForTimeout(300)
    await page.screenshot({ path: join(OUT, 'photo-capture.png') })
    await page.getByRole('button', { name: 'Take the picture' }).click()
    await page.getByRole('button', { name: 'Use this photo' }).click()
    await page.getByTestId('photo-result').waitFor({ timeout: 120_000 })
    await page.waitForTimeout(300)
    await page.screenshot({ path: join(OUT, 'photo-result.png') })
    await page.getByRole('button', { name: 'Edit' }).click()
    await page.getByTestId('photo-bar').waitFor()
    await page.getByRole('button', { name: 'Make it more like me' }).click()
    await page.getByRole('button', { name: /^Download refine models/ }).click()
    // Mid-run (the run may stop early once the difference stalls, so not a fixed step).
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid=refine-run]')?.getAttribute('data-step')) >= 5,
      undefined,
      { timeout: 180_000, polling: 'raf' }
    )
    await page.screenshot({ path: join(OUT, 'photo-refine.png') })
    await page.getByText('More like you now: Undo goes back').waitFor({ timeout: 180_000 })
    await page.getByRole('radio', { name: 'Blended' }).click()
    await page.getByTestId('compare-photo').waitFor()
    await page
      .getByText('More like you now: Undo goes back')
      .waitFor({ state: 'detached', timeout: 20_000 })
    await page.waitForTimeout(1000)
    await page.screenshot({ path: join(OUT, 'photo-compare.png') })
    console.log(`wrote ${OUT}/photo-{capture,result,refine,compare}.png`)
  } finally {
    await chromium.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildPwa()
  const worker = await startWorker()
  try {
    await photoScreenshots(worker.origin)
  } finally {
    await worker.stop()
  }
}
