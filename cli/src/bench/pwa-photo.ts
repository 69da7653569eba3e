/**
 * @module cli/bench/pwa-photo — the photo figures of `facecraft bench pwa`, measured in the app as a player meets it
 * (headless Chromium, WASM, the real Worker), on London set photos read in place:
 *
 * - create_download_bytes: bytes of model files fetched by the first create on a fresh device (cold).
 * - create_ms: median time from a photo chosen to the character shown beside it, models cached (the app's own
 *   clock: `data-create-ms` of the result, photo decode + detect + create + first render).
 * - refine_download_bytes: bytes of model files fetched by the first "Make it more like me".
 * - refine_step_ms: median time between refine steps as the progress bar shows them (Worker step + UI update).
 * - photo_offline_ok: after an offline reload, a photo still makes a character and refine still runs.
 */
import type { Browser, Page } from 'playwright-core'
import { facesDir } from '../eval/london.ts'
import { join } from 'node:path'
import { median } from '../suite.ts'

export interface PhotoFigures {
  create_ms: number
  refine_step_ms: number
  create_download_bytes: number
  refine_download_bytes: number
  photo_offline_ok: boolean
}

const SLOW = { timeout: 240_000 }

/** Runs the photo flow in a fresh phone context; null (with a log line) when the London photos are missing. */
export async function photoFigures(
  browser: Browser,
  origin: string,
  runs: number
): Promise<PhotoFigures | null> {
  let london: string
  try {
    london = join(facesDir(), 'london/neutral')
  } catch (error) {
    console.error(`photo figures skipped: ${(error as Error).message}`)
    return null
  }
  const photo = (n: number) => join(london, `${String(n).padStart(3, '0')}.jpg`)
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: true,
    baseURL: origin,
  })
  try {
    const page = await context.newPage()
    let downloaded = 0
    page.on('response', (r) => {
      if (/\/models\/[^?]+\.onnx/.test(r.url()))
        void r.body().then((b) => (downloaded += b.length), () => undefined)
    })
    await page.goto('/')
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)')
    await page.goto('/photo')
    await createFrom(page, photo(1))
    const createDownload = downloaded
    const creates: number[] = []
    for (let i = 0; i < runs; i++) {
      await page.getByRole('button', { name: 'Another photo' }).click()
      creates.push(await createFrom(page, photo(2 + i)))
    }
    console.error(`create: ${creates.map((ms) => ms.toFixed(0)).join(', ')} ms (download ${createDownload} bytes)`)
    await page.getByRole('button', { name: 'Edit' }).click()
    await page.getByTestId('photo-bar').waitFor()
    const before = downloaded
    await page.getByRole('button', { name: 'Make it more like me' }).click()
    await page.getByRole('button', { name: /^Download refine models/ }).click()
    const steps = await refineSteps(page)
    const refineDownload = downloaded - before
    console.error(`refine: ${steps.length + 1} steps, ${median(steps).toFixed(1)} ms each (download ${refineDownload} bytes)`)
    await page.getByLabel('Character name').fill('Photo Bench')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('button', { name: 'Saved', exact: true }).waitFor()
    const offline = await offlineCreateRefine(page, photo(1))
    return {
      create_ms: round(median(creates)),
      refine_step_ms: round(median(steps)),
      create_download_bytes: createDownload,
      refine_download_bytes: refineDownload,
      photo_offline_ok: offline,
    }
  } finally {
    await context.close()
  }
} // prettier-ignore

/** Chooses `file` on /photo and returns the app's photo -> character time. */
async function createFrom(page: Page, file: string): Promise<number> {
  await page.getByTestId('photo-file').setInputFiles(file)
  const result = page.getByTestId('photo-result')
  await result.waitFor(SLOW)
  return Number(await result.getAttribute('data-create-ms'))
}

/** Waits for a refinement to finish, returning the time between the steps the progress bar showed. */
async function refineSteps(page: Page): Promise<number[]> {
  await page.getByTestId('refine-run').waitFor(SLOW)
  // Plain JS source (this package compiles without DOM types), as bench/pwa.ts does.
  const times = (await page.evaluate(`new Promise((done) => {
    const times = []
    let last = -1
    const seen = new MutationObserver(() => {
      const el = document.querySelector('[data-testid=refine-run]')
      if (!el) return seen.disconnect(), done(times)
      const step = Number(el.getAttribute('data-step'))
      if (step !== last) (last = step), times.push([step, performance.now()])
    })
    seen.observe(document.body, { subtree: true, childList: true, attributes: true })
  })`)) as Array<[number, number]>
  const out: number[] = []
  for (let i = 1; i < times.length; i++)
    if (times[i]![0] === times[i - 1]![0] + 1) out.push(times[i]![1] - times[i - 1]![1])
  return out
}

/** Offline reload: a photo still makes a character, and the saved one still refines. */
async function offlineCreateRefine(page: Page, file: string): Promise<boolean> {
  const context = page.context()
  await context.setOffline(true)
  try {
    await page.goto('/photo')
    await createFrom(page, file)
    await page.goto('/')
    await page.getByRole('heading', { name: 'Your characters' }).waitFor()
    await page.getByRole('link', { name: /Photo Bench/ }).click()
    await page.getByRole('button', { name: 'Make it more like me' }).click()
    await page.getByText('More like you now: Undo goes back').waitFor(SLOW)
    return true
  } catch (error) {
    console.error(`photo offline failed: ${(error as Error).message}`)
    return false
  } finally {
    await context.setOffline(false)
  }
}

const round = (v: number) => Math.round(v * 10) / 10
