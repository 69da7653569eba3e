/**
 * @file The model store behind "create from photo": the release is downloaded with progress, verified by sha256,
 * cached for offline use; a damaged download of a newer release is refused and the verified one is kept.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { launchChromium, PHONE, type Launched } from '../src/harness/index.ts'
import { openGallery } from './app.ts'

/** Cached model caches and their entries' sizes, read in the page. */
function cachedModels(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(async () => {
    const out: Record<string, number[]> = {}
    for (const name of await caches.keys()) {
      if (!name.startsWith('facecraft-models-')) continue
      const cache = await caches.open(name)
      out[name] = await Promise.all(
        (await cache.keys()).map(
          async (r) => (await (await cache.match(r))!.arrayBuffer()).byteLength
        )
      )
    }
    return out
  })
}

describe('model store', () => {
  let chromium: Launched
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    chromium = await launchChromium()
    // No service worker here, so the test's network routes see every request.
    context = await chromium.browser.newContext({
      ...PHONE,
      baseURL: inject('origin'),
      serviceWorkers: 'block',
    })
    page = await context.newPage()
  })
  afterAll(async () => {
    await context?.close()
    await chromium?.close()
  })

  it('says photo creation is coming and installs the verified models for offline use', async () => {
    const manifest = (await (
      await fetch(`${inject('origin')}/v1/models/manifest?variant=wasm`)
    ).json()) as {
      release: string
      files: Array<{ bytes: number }>
    }
    await openGallery(page)
    await page.getByRole('button', { name: /From a photo/ }).click()
    await page.getByText(/Coming in the next update/).waitFor()
    await page.getByRole('button', { name: 'Download face models' }).click()
    await page
      .getByText(`Face models ${manifest.release} are on this device and work offline.`)
      .waitFor({
        timeout: 60_000,
      })
    const cached = await cachedModels(page)
    expect(Object.keys(cached)).toEqual([`facecraft-models-wasm-${manifest.release}`])
    expect(Object.values(cached)[0]!.sort()).toEqual(manifest.files.map((f) => f.bytes).sort())
  })

  it('refuses a damaged download of a newer release and keeps the verified one', async () => {
    const before = await cachedModels(page)
    await page.route('**/v1/models/manifest*', async (route) => {
      const response = await route.fetch()
      const body = (await response.json()) as { release: string }
      await route.fulfill({ response, json: { ...body, release: 'face-next' } })
    })
    await page.route('**/models/face-detector.onnx', async (route) => {
      const response = await route.fetch()
      const bytes = Buffer.from(await response.body())
      bytes[100] = bytes[100]! ^ 0xff
      await route.fulfill({ response, body: bytes })
    })
    await openGallery(page)
    await page.getByRole('button', { name: /From a photo/ }).click()
    await page.getByRole('button', { name: 'Download face models' }).click()
    await page
      .getByText(/face-detector failed verification .* Your current models are kept/)
      .waitFor()
    const after = await cachedModels(page)
    const [installed] = Object.keys(before)
    expect(after[installed!]).toEqual(before[installed!])
    // The damaged file was never stored (verified files of a new release would be, to resume later).
    expect(after['facecraft-models-wasm-face-next'] ?? []).toEqual([])
    expect(await page.getByText(/are on this device and work offline/).innerText()).toContain(
      installed!.replace('facecraft-models-wasm-', '')
    )
  })
})
