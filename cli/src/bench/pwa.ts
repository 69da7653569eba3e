/**
 * @module cli/bench/pwa — `facecraft bench pwa`: the built PWA in headless Debian Chromium, served by the real
 * Worker (`wrangler dev --local` on a free port, started and stopped here), on a 360 x 640 phone viewport.
 *
 * - first_load_ms: median cold load (fresh context: no service worker, no HTTP cache) from navigation start to
 *   the gallery being on screen and interactive, by the page's own clock.
 * - shell_js_gzip_bytes: gzip (level 9) size of the JS that index.html loads (entry + its static imports, from
 *   Vite's build manifest); lazily loaded Workers, models and ONNX Runtime wasm are excluded, as the issue says.
 * - edit_frame_ms: median latency from a slider input event to the new render drawn on the canvas, during a
 *   simulated drag (one input per 16 ms display frame); inputs that arrive while a frame renders are coalesced,
 *   and each drawn frame is timed from the newest input it shows.
 * - offline_ok: a character saved online is found and rendered again after an offline reload.
 * - editor_open_ms: median time from a tap on a gallery card to a face on the editor's canvas (the saved thumbnail
 *   drawn while the engine renders counts, as the player sees a face), gallery freshly loaded each time.
 * - a11y_violations: axe-core serious + critical violations (rules failed, summed over screens) on every screen
 *   of the app (test/src/harness/screens.ts), 0 is the bar.
 * - create_ms, refine_step_ms, create_download_bytes, refine_download_bytes: "From a photo" (bench/pwa-photo.ts);
 *   offline_ok then also needs create and refine to run after an offline reload.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import {
  auditScreens,
  buildPwa,
  launchChromium,
  phoneContext,
  REPO_ROOT,
  startWorker,
} from '../../../test/src/harness/index.ts'
import { createCharacterV2, encodeShareCodeV2 } from '@facecraft/shared/rig-v2'
import { median, type Suite, type SuiteOptions } from '../suite.ts'
import { photoFigures } from './pwa-photo.ts'

const DIST = join(REPO_ROOT, 'pwa/dist')
/** Render size of live (dragging) frames; must match LIVE_SIZE in pwa/src/components/preview. */
const LIVE_SIZE = 160

export const pwaBench: Suite = {
  name: 'pwa',
  summary:
    'PWA in headless Chromium: first_load_ms, shell_js_gzip_bytes, edit_frame_ms, offline_ok, editor_open_ms, a11y_violations, create_ms, refine_step_ms, create/refine_download_bytes',
  async run(options: SuiteOptions) {
    const log = (line: string) => console.error(line)
    log('building pwa ...')
    buildPwa()
    const shell = shellJsGzipBytes()
    log(`shell JS: ${shell} bytes gzipped`)
    const worker = await startWorker()
    const chromium = await launchChromium()
    try {
      const loads: number[] = []
      for (let i = 0; i < (options.quick ? 3 : 9); i++) {
        const context = await phoneContext(chromium.browser, worker.origin)
        loads.push(await firstLoad(await context.newPage()))
        await context.close()
      }
      log(`first load: ${loads.map((ms) => ms.toFixed(0)).join(', ')} ms`)
      const context = await phoneContext(chromium.browser, worker.origin)
      const frames = await editFrames(await context.newPage(), options.quick ? 60 : 240)
      await context.close()
      log(`edit frames: ${frames.latencies.length} drawn of ${frames.inputs} inputs`)
      const offline = await offlineReload(chromium.browser, worker.origin)
      const opens = await editorOpens(chromium.browser, worker.origin, options.quick ? 3 : 7)
      log(`editor open: ${opens.map((ms) => ms.toFixed(0)).join(', ')} ms`)
      const a11y = await a11yViolations(chromium.browser, worker.origin)
      const photo = await photoFigures(chromium.browser, worker.origin, options.quick ? 3 : 5)
      return {
        first_load_ms: round(median(loads)),
        shell_js_gzip_bytes: shell,
        edit_frame_ms: round(median(frames.latencies)),
        offline_ok: offline && (photo?.photo_offline_ok ?? true),
        editor_open_ms: round(median(opens)),
        a11y_violations: a11y,
        edit_frame_p90_ms: round(percentile(frames.latencies, 0.9)),
        edit_render_ms: round(median(frames.renderMs)),
        edit_frames_drawn: frames.latencies.length,
        edit_inputs: frames.inputs,
        create_ms: photo?.create_ms ?? null,
        refine_step_ms: photo?.refine_step_ms ?? null,
        create_download_bytes: photo?.create_download_bytes ?? null,
        refine_download_bytes: photo?.refine_download_bytes ?? null,
        photo_offline_ok: photo?.photo_offline_ok ?? null,
      }
    } finally {
      await chromium.close()
      await worker.stop()
    }
  },
}

const round = (v: number) => Math.round(v * 10) / 10
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!

/** Gzipped bytes of the entry chunk of index.html and every chunk it imports statically. */
export function shellJsGzipBytes(): number {
  type Chunk = { file: string; imports?: string[] }
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    Chunk
  >
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return
    seen.add(key)
    for (const dep of manifest[key].imports ?? []) visit(dep)
  }
  visit('index.html')
  let bytes = 0
  for (const key of seen) {
    bytes += gzipSync(readFileSync(join(DIST, manifest[key]!.file)), { level: 9 }).length
  }
  return bytes
}

async function firstLoad(page: Page): Promise<number> {
  await page.goto('/', { waitUntil: 'commit' })
  await page.getByRole('button', { name: /New character/ }).waitFor()
  return page.evaluate(() => performance.now())
}

interface FrameFigures {
  latencies: number[]
  renderMs: number[]
  inputs: number
}

/**
 * Matches the preview canvas once it has drawn a frame. A selector, not a waitForFunction predicate: Playwright
 * evaluates string predicates with eval, which the app's CSP (no 'unsafe-eval') refuses.
 */
const FIRST_FRAME = 'canvas[data-frames]:not([data-frames="0"])'

async function editFrames(page: Page, inputs: number): Promise<FrameFigures> {
  await page.goto('/new')
  await page.locator(FIRST_FRAME).first().waitFor()
  // A returning player's state: the service worker has finished precaching (14 MB of ONNX Runtime wasm) and no
  // longer competes for the CPU.
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)')
  await page.getByRole('tab', { name: 'Nose', exact: true }).click()
  // Warm-up: the Worker's first renders include JIT compilation.
  await page.evaluate(`(${DRAG_SCRIPT})(20, ${LIVE_SIZE})`)
  return page.evaluate(`(${DRAG_SCRIPT})(${inputs}, ${LIVE_SIZE})`) as Promise<FrameFigures>
}

/**
 * Runs in the page: moves the nose-width slider back and forth, one input per 16 ms, and times every live frame
 * drawn from the newest input it shows (the last input before its request). Plain JS source, so it needs neither
 * DOM types here nor tsx's __name helper there.
 */
const DRAG_SCRIPT = `(inputs, liveSize) => new Promise((done) => {
  const slider = document.querySelector('input[data-param="face.nose-scale-horiz.decr-incr"]')
  const inputTimes = [], latencies = [], renderMs = []
  const onFrame = (e) => {
    const d = e.detail
    if (d.size !== liveSize) return
    const input = inputTimes.filter((t) => t <= d.requestedAt).pop()
    if (input === undefined) return
    latencies.push(d.drawnAt - input)
    renderMs.push(d.renderMs)
  }
  addEventListener('facecraft:frame', onFrame)
  let i = 0
  const step = () => {
    if (i === inputs) {
      return setTimeout(() => {
        removeEventListener('facecraft:frame', onFrame)
        done({ latencies, renderMs, inputs })
      }, 500)
    }
    slider.value = String(Math.round(Number(slider.max) * (0.2 + 0.6 * (0.5 + 0.5 * Math.sin(i / 6)))))
    inputTimes.push(performance.now())
    slider.dispatchEvent(new Event('input', { bubbles: true }))
    i++
    setTimeout(step, 16)
  }
  step()
})`

async function offlineReload(
  browser: Awaited<ReturnType<typeof launchChromium>>['browser'],
  origin: string
): Promise<boolean> {
  const context = await phoneContext(browser, origin)
  try {
    const page = await context.newPage()
    await page.goto('/new')
    await page.getByLabel('Character name').fill('Bench')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('button', { name: 'Saved', exact: true }).waitFor()
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)')
    await context.setOffline(true)
    await page.goto('/')
    await page.getByRole('link', { name: /Bench/ }).click({ timeout: 10_000 })
    await page.locator(FIRST_FRAME).first().waitFor({ timeout: 10_000 })
    return true
  } catch (error) {
    console.error(`offline reload failed: ${(error as Error).message}`)
    return false
  } finally {
    await context.close()
  }
}

/**
 * Runs in the page: taps the first gallery card and resolves with the ms until a face is on the editor canvas
 * (the saved thumbnail or an engine frame, whichever comes first). Plain JS source, like DRAG_SCRIPT.
 */
const OPEN_SCRIPT = `() => new Promise((done) => {
  const card = document.querySelector('a[href^="/edit/"]')
  let start = 0
  const shown = () => {
    removeEventListener('facecraft:placeholder', shown)
    removeEventListener('facecraft:frame', shown)
    done(performance.now() - start)
  }
  addEventListener('facecraft:placeholder', shown)
  addEventListener('facecraft:frame', shown)
  start = performance.now()
  card.click()
})`

/** editor_open_ms samples: a saved character opened from a freshly loaded gallery, `runs` times. */
async function editorOpens(
  browser: Awaited<ReturnType<typeof launchChromium>>['browser'],
  origin: string,
  runs: number
): Promise<number[]> {
  const context = await phoneContext(browser, origin)
  try {
    const page = await context.newPage()
    await page.goto('/new')
    await page.getByLabel('Character name').fill('Opener')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('button', { name: 'Saved', exact: true }).waitFor()
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)')
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      await page.goto('/')
      await page.getByRole('link', { name: /Opener/ }).waitFor()
      times.push((await page.evaluate(`(${OPEN_SCRIPT})()`)) as number)
    }
    return times
  } finally {
    await context.close()
  }
}

/** a11y_violations: serious + critical axe violations summed over every screen; each one is logged. */
async function a11yViolations(
  browser: Awaited<ReturnType<typeof launchChromium>>['browser'],
  origin: string
): Promise<number> {
  const context = await phoneContext(browser, origin)
  try {
    const page = await context.newPage()
    const link = `/s#c=${encodeShareCodeV2(createCharacterV2(), 'Shared')}`
    const audits = await auditScreens(page, link)
    let count = 0
    for (const { screen, violations } of audits) {
      for (const v of violations)
        console.error(`a11y: ${screen}: ${v.impact} ${v.id} ${v.targets.join(' ')}`)
      count += violations.length
    }
    return count
  } finally {
    await context.close()
  }
}
