/**
 * @file The model store behind "From a photo": the create group is downloaded with progress, verified by sha256,
 * cached for offline use; a damaged download of a newer release is refused, the verified one is kept and used.
 */
import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { join } from 'node:path'
import { phoneContext, REPO_ROOT } from '../src/harness/index.ts'
import { encodePng } from '@facecraft/shared/image'
import { openGallery } from './app.ts'
import { useApp } from './use-app.ts'

/** Downloading and hashing 40 MB of models, or a first ONNX Runtime start, can take long on a loaded 2-core CI box. */
const SLOW_MS = 120_000

/** A real photo with faces (face-api ships its demo photos in node_modules). */
const SAMPLE_PHOTO = join(REPO_ROOT, 'node_modules/@vladmandic/face-api/demo/sample1.jpg')

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
  // No service worker here, so the test's network routes see every request.
  const app = useApp({ serviceWorkers: 'block' })

  it(
    'installs the verified create models for offline use',
    async () => {
      // What "From a photo" needs: the create files (a server before API v1.3 labels none: all count).
      const manifest = (await (
        await fetch(`${inject('origin')}/v1/models/manifest?variant=wasm&group=create`)
      ).json()) as {
        release: string
        files: Array<{ bytes: number; group?: string }>
      }
      manifest.files = manifest.files.filter((f) => (f.group ?? 'create') === 'create')
      await openGallery(app.page)
      await app.page.getByRole('button', { name: /From a photo/ }).click()
      await app.page.getByTestId('models-needed').waitFor()
      await app.page.getByRole('button', { name: /^Download face models \(\d+\.\d MB\)$/ }).click()
      await app.page.getByTestId('models-needed').waitFor({ state: 'detached', timeout: 110_000 })
      const cached = await cachedModels(app.page)
      expect(Object.keys(cached)).toEqual([`facecraft-models-wasm-create-${manifest.release}`])
      expect(Object.values(cached)[0]!.sort()).toEqual(manifest.files.map((f) => f.bytes).sort())
    },
    SLOW_MS
  )

  it(
    'finds the faces in a photo with the installed models, in the inference Worker',
    async () => {
      await app.page.getByTestId('photo-file').setInputFiles(SAMPLE_PHOTO)
      await expect
        .poll(
          async () =>
            (await app.page.getByTestId('photo-result').count()) +
            (await app.page.getByTestId('face-box').count()),
          { timeout: 60_000 }
        )
        .toBeGreaterThan(0)
      // A picture with no face says so instead of inventing one. The player goes back from the face picker in the
      // app (no page load: a same-URL goto here once stalled 90 s before "load" on a loaded CI machine).
      await app.page.getByRole('button', { name: 'Another photo' }).click()
      const grey = { width: 256, height: 256, data: new Uint8ClampedArray(256 * 256 * 4).fill(128) }
      await app.page.getByTestId('photo-file').setInputFiles({
        name: 'wall.png',
        mimeType: 'image/png',
        buffer: Buffer.from(encodePng(grey)),
      })
      await expect
        .poll(() => app.page.getByTestId('photo-error').innerText(), { timeout: 30_000 })
        .toMatch(/No face found/)
    },
    SLOW_MS
  )

  it(
    'installs the models and finds a face with no network after an offline reload',
    async () => {
      const online = await phoneContext(app.chromium.browser, inject('origin'))
      try {
        const other = await online.newPage()
        await openGallery(other)
        await other.evaluate(() => navigator.serviceWorker.ready)
        await other.getByRole('button', { name: /From a photo/ }).click()
        await other.getByRole('button', { name: /^Download face models/ }).click()
        await other.getByTestId('models-needed').waitFor({ state: 'detached', timeout: 110_000 })
        await online.setOffline(true)
        await other.goto('/photo')
        await other.getByTestId('photo-file').setInputFiles(SAMPLE_PHOTO)
        await expect
          .poll(
            async () =>
              (await other.getByTestId('photo-result').count()) +
              (await other.getByTestId('face-box').count()),
            { timeout: 60_000 }
          )
          .toBeGreaterThan(0)
      } finally {
        await online.close()
      }
    },
    SLOW_MS
  )

  it('refuses a damaged download of a newer release, keeps the verified one and still creates', async () => {
    const before = await cachedModels(app.page)
    // A newer release whose detector changed (a new sha256), so the copy on the device cannot stand in for it.
    await app.page.route('**/v1/models/manifest*', async (route) => {
      const response = await route.fetch()
      const body = (await response.json()) as {
        release: string
        files: Array<{ id: string; sha256: string }>
      }
      const files = body.files.map((f) =>
        f.id === 'face-detector' ? { ...f, sha256: [...f.sha256].reverse().join('') } : f
      )
      await route.fulfill({ response, json: { ...body, release: 'face-next', files } })
    })
    await app.page.route('**/models/face-detector.onnx', async (route) => {
      const response = await route.fetch()
      const bytes = Buffer.from(await response.body())
      bytes[100] = bytes[100]! ^ 0xff
      await route.fulfill({ response, body: bytes })
    })
    await app.page.goto('/photo')
    await app.page.getByTestId('photo-file').setInputFiles(SAMPLE_PHOTO)
    await app.page
      .getByText(/face-detector failed verification .* Your current models are kept/)
      .waitFor({ timeout: 60_000 })
    await expect
      .poll(
        async () =>
          (await app.page.getByTestId('photo-result').count()) +
          (await app.page.getByTestId('face-box').count()),
        { timeout: 60_000 }
      )
      .toBeGreaterThan(0)
    const after = await cachedModels(app.page)
    const [installed] = Object.keys(before)
    expect(after[installed!]).toEqual(before[installed!])
    // The damaged file was never stored (verified files of a new release would be, to resume later).
    expect(after['facecraft-models-wasm-create-face-next'] ?? []).toEqual([])
  })
})
